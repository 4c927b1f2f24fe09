package dev.slipway.application.service;

import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a deployment would bring: the release (tag and commit), whether its tag must still be created, what runs now,
 * the commits in between, and the rule results found while planning ({@code branchRefusal} for the branch rule,
 * {@code refusal} for the others: uncommitted changes, an unpublished branch, an older commit, nothing new; both empty
 * when nothing objects). {@code publish} names the local branch to push before tagging (the working copy is ahead of
 * the remote). {@code journal} lists the planning steps already done, as (step, detail) pairs, for the deployment's journal.
 */
record ReleasePlan(Service service, Environment environment, Kind kind, Release release, boolean createTag, Optional<String> branch,
                   Optional<String> branchRefusal, Optional<Release> current, ReleaseNotes notes, List<String[]> journal,
                   Optional<Refused> refusal, Optional<String> publish) {

    ReleasePlan {
        refusal = refusal == null ? Optional.empty() : refusal;
        publish = publish == null ? Optional.empty() : publish;
        journal = new ArrayList<>(journal);
    }

    ReleasePlan(Service service, Environment environment, Kind kind, Release release, boolean createTag, Optional<String> branch,
                Optional<String> branchRefusal, Optional<Release> current, ReleaseNotes notes, List<String[]> journal) {
        this(service, environment, kind, release, createTag, branch, branchRefusal, current, notes, journal, Optional.empty(), Optional.empty());
    }

    ReleasePlan refused(Refused why) {
        return new ReleasePlan(service, environment, kind, release, createTag, branch, branchRefusal, current, notes, journal, Optional.of(why), publish);
    }

    ReleasePlan publishing(String localBranch) {
        return new ReleasePlan(service, environment, kind, release, createTag, branch, branchRefusal, current, notes, journal, refusal, Optional.of(localBranch));
    }

    /** The same plan turned into a deployment of {@code running} again: no new tag, nothing new in it. */
    ReleasePlan redeploying(Release running, ReleaseNotes emptyNotes) {
        return new ReleasePlan(service, environment, Kind.REDEPLOY, running, false, branch, branchRefusal, current, emptyNotes, journal, refusal, Optional.empty());
    }

    ReleasePlan noting(String step, String detail) {
        journal.add(new String[] {step, detail});
        return this;
    }

    /** The first rule that objects, the branch rule first, as the refusal a deploy answers. */
    Optional<Refused> anyRefusal() {
        if (branchRefusal.isPresent()) {
            String required = environment.branchPolicy().branch();
            return Optional.of(new Refused("branch", branchRefusal.get(), "switch to %s (git switch %s) and deploy again".formatted(required, required)));
        }
        return refusal;
    }
}
