package dev.slipway.application.service;

import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;
import dev.slipway.domain.version.Bump;
import dev.slipway.domain.version.TagPattern;
import dev.slipway.domain.version.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Works out which release a deploy brings and whether the branch rule allows it, without changing anything. */
public final class ReleasePlanner {

    static final int NOTES_LIMIT = 200;

    private final VersionControl git;
    private final DeploymentRegistry registry;

    public ReleasePlanner(VersionControl git, DeploymentRegistry registry) {
        this.git = git;
        this.registry = registry;
    }

    /** The release an environment runs now according to the registry. */
    Optional<Release> current(String service, String environment) {
        return registry.latest(service, environment, Status.SETTLED).flatMap(Deployment::resultingRelease);
    }

    /**
     * Plans a deploy of an explicit version (a new tag, or a redeploy of an existing one) or of the next version.
     * {@code fromCheckout}: the request comes from someone's working copy (the command line, the shell, CI), so the
     * branch checked out there is what deploys and the branch rule applies to it; otherwise (Slack, the API, a webhook)
     * the environment's branch as published deploys. Throws IllegalArgumentException for input that cannot be planned.
     */
    ReleasePlan plan(Service service, Environment environment, Optional<String> versionInput, Optional<Bump> bump, boolean fromCheckout) {
        if (versionInput.isPresent() && bump.isPresent()) {
            throw new IllegalArgumentException("give either --version or --bump, not both");
        }
        SourceRepository repo = service.repository();
        TagPattern pattern = environment.tagPattern();
        Optional<Version> explicit = versionInput.map(pattern::parseInput);
        git.fetch(repo);
        List<String[]> journal = new ArrayList<>();
        Optional<String> branch = git.currentBranch(repo);
        Optional<Release> current = current(service.name(), environment.name());

        if (explicit.isPresent()) {
            String tag = pattern.format(explicit.get());
            Optional<CommitId> tagged = git.tag(repo, tag);
            if (tagged.isPresent()) {
                journal.add(new String[] {"resolve-version", "%s exists: redeploying it (%s)".formatted(tag, tagged.get().abbreviated())});
                Optional<String> refusal = reachableFromBranch(repo, environment, tagged.get(), tag);
                journal.add(new String[] {"check-branch", refusal.orElse("%s is on branch %s".formatted(tag, environment.branchPolicy().branch()))});
                Release release = Release.of(service.name(), explicit.get(), tag, tagged.get());
                return new ReleasePlan(service, environment, Kind.REDEPLOY, release, false, branch, refusal, current,
                        notes(repo, current, tagged.get()), journal);
            }
        }
        Version version = explicit.orElseGet(() -> pattern.latest(git.tagNames(repo))
                .map(latest -> latest.bump(bump.orElse(Bump.PATCH)))
                .orElse(Version.FIRST));
        String tag = pattern.format(version);
        journal.add(new String[] {"resolve-version", explicit.isPresent()
                ? "%s as asked".formatted(tag)
                : "%s, next after %s".formatted(tag, pattern.latest(git.tagNames(repo)).map(pattern::format).orElse("no earlier tag"))});
        Optional<String> refusal;
        CommitId head;
        if (fromCheckout || !environment.branchPolicy().isExact()) {
            refusal = environment.branchPolicy().refusal(branch, environment.name());
            head = branch.flatMap(b -> git.branchHead(repo, b))
                    .or(() -> git.branchHead(repo, environment.branchPolicy().branch()))
                    .orElseThrow(() -> new IllegalArgumentException("repository %s has no branch %s to deploy from".formatted(repo, environment.branchPolicy().branch())));
        } else {
            branch = Optional.of(environment.branchPolicy().branch());
            refusal = Optional.empty();
            head = git.publishedHead(repo, branch.get())
                    .orElseThrow(() -> new IllegalArgumentException("repository %s has no branch %s to deploy from".formatted(repo, environment.branchPolicy().branch())));
        }
        journal.add(new String[] {"check-branch", refusal.orElse("on branch %s at %s".formatted(branch.orElse("?"), head.abbreviated()))});
        Release release = Release.of(service.name(), version, tag, head);
        return new ReleasePlan(service, environment, Kind.DEPLOY, release, true, branch, refusal, current, notes(repo, current, head), journal);
    }

    /** The release of an existing tag, refusing (IllegalArgumentException) when the tag does not exist. */
    Release existing(Service service, Environment environment, String versionInput) {
        Version version = environment.tagPattern().parseInput(versionInput);
        String tag = environment.tagPattern().format(version);
        CommitId commit = git.tag(service.repository(), tag)
                .orElseThrow(() -> new IllegalArgumentException("there is no tag %s in %s".formatted(tag, service.repository())));
        return Release.of(service.name(), version, tag, commit);
    }

    /**
     * The name and summary an existing annotated tag gives its release: the message's first line, and the rest. Slipway
     * writes its own tags that way, so a redeploy keeps the words of the first deployment; a person's tag message works too.
     */
    Description describedByTag(SourceRepository repo, String tag) {
        return git.tagMessage(repo, tag).map(message -> {
            int end = message.indexOf('\n');
            return end < 0 ? new Description(Optional.of(message.strip()), Optional.empty())
                    : new Description(Optional.of(message.substring(0, end).strip()), Optional.of(message.substring(end + 1).strip()).filter(s -> !s.isEmpty()));
        }).orElse(new Description(Optional.empty(), Optional.empty()));
    }

    /** A deployment's name and summary, either of which may be absent. */
    record Description(Optional<String> name, Optional<String> summary) {}

    ReleaseNotes notes(SourceRepository repo, Optional<Release> since, CommitId to) {
        return new ReleaseNotes(since.map(Release::tag), git.commitsBetween(repo, since.map(Release::commit), to, NOTES_LIMIT));
    }

    /**
     * A rollback's notes: the commits it takes out of the environment (in {@code current} but not in {@code to}), or,
     * when it goes forward again, the commits it brings.
     */
    ReleaseNotes withdrawn(SourceRepository repo, Optional<Release> current, Release to) {
        if (current.isPresent() && git.isAncestor(repo, to.commit(), current.get().commit())) {
            return new ReleaseNotes(Optional.of(to.tag()), git.commitsBetween(repo, Optional.of(to.commit()), current.get().commit(), NOTES_LIMIT));
        }
        return notes(repo, current, to.commit());
    }

    private Optional<String> reachableFromBranch(SourceRepository repo, Environment environment, CommitId commit, String tag) {
        if (!environment.branchPolicy().isExact()) return Optional.empty();
        String branch = environment.branchPolicy().branch();
        Optional<CommitId> head = git.branchHead(repo, branch);
        if (head.isEmpty()) return Optional.of("%s deploys only from branch '%s', which the repository does not have".formatted(environment.name(), branch));
        return git.isAncestor(repo, commit, head.get())
                ? Optional.empty()
                : Optional.of("%s deploys only from branch '%s', and %s is not on it".formatted(environment.name(), branch, tag));
    }
}
