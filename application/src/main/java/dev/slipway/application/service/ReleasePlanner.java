package dev.slipway.application.service;

import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.Deploy.Options;
import dev.slipway.application.port.in.Deploy.RemoteTag;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.OutsideSystemFailure;
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
     * Plans a deploy of an explicit version (a new tag, or a redeploy of an existing one) or of the next version, and
     * checks the rules on which commit a deploy means. {@code fromCheckout}: the request comes from someone's working
     * copy (the command line, the shell), so the branch checked out there deploys, the branch rule applies to it, its
     * uncommitted changes are refused, and it must be published: a branch strictly ahead of the remote's is pushed
     * first ({@link ReleasePlan#publish}), one behind or diverged is refused. Otherwise (Slack, the API, a webhook) the
     * environment's branch as published deploys. Whatever the front end, a commit older than the running release's
     * (or unrelated to it) is refused unless allowed, and the running commit is refused as nothing new unless a
     * redeploy is asked. Throws IllegalArgumentException for input that cannot be planned.
     */
    ReleasePlan plan(Service service, Environment environment, DeployCommand command, boolean fromCheckout) {
        Optional<String> versionInput = command.version();
        Optional<Bump> bump = command.bump();
        Options options = command.options();
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

        if (options.remoteTag().isPresent()) return remoteTag(service, environment, options.remoteTag().get(), branch, current, journal, options);
        if (explicit.isPresent()) {
            String tag = pattern.format(explicit.get());
            Optional<CommitId> tagged = git.tag(repo, tag);
            if (tagged.isPresent()) {
                journal.add(new String[] {"resolve-version", "%s exists: redeploying it (%s)".formatted(tag, tagged.get().abbreviated())});
                Optional<String> refusal = reachableFromBranch(repo, environment, tagged.get(), tag);
                journal.add(new String[] {"check-branch", refusal.orElse("%s is on branch %s".formatted(tag, environment.branchPolicy().branch()))});
                Release release = Release.of(service.name(), explicit.get(), tag, tagged.get());
                ReleasePlan plan = new ReleasePlan(service, environment, Kind.REDEPLOY, release, false, branch, refusal, current,
                        notes(repo, current, tagged.get()), journal);
                return refusal.isPresent() ? plan : againstRunning(plan, options);
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
        Optional<Refused> rule = Optional.empty();
        Optional<String> publish = Optional.empty();
        int ahead = 0;
        if (fromCheckout || !environment.branchPolicy().isExact()) {
            refusal = environment.branchPolicy().refusal(branch, environment.name());
            head = branch.flatMap(b -> git.branchHead(repo, b))
                    .or(() -> git.branchHead(repo, environment.branchPolicy().branch()))
                    .orElseThrow(() -> new IllegalArgumentException("repository %s has no branch %s to deploy from".formatted(repo, environment.branchPolicy().branch())));
            if (fromCheckout && refusal.isEmpty() && branch.isPresent()) {
                rule = uncommitted(repo, options, journal);
                if (rule.isEmpty() && git.hasRemote(repo)) {
                    VersionControl.AheadBehind apart = git.aheadBehind(repo, branch.get());
                    if (apart.behind() > 0) rule = Optional.of(notPublished(branch.get(), apart));
                    else if (apart.ahead() > 0) {
                        publish = branch;
                        ahead = apart.ahead();
                    }
                }
            }
        } else {
            branch = Optional.of(environment.branchPolicy().branch());
            refusal = Optional.empty();
            head = git.publishedHead(repo, branch.get())
                    .orElseThrow(() -> new IllegalArgumentException("repository %s has no branch %s to deploy from".formatted(repo, environment.branchPolicy().branch())));
        }
        if (rule.isEmpty() && refusal.isEmpty()) rule = moved(options, branch, head);
        journal.add(new String[] {"check-branch", refusal.orElse("on branch %s at %s%s".formatted(branch.orElse("?"), head.abbreviated(),
                publish.isPresent() ? ", %d commit%s ahead of origin/%s: it is pushed before tagging".formatted(ahead, ahead == 1 ? "" : "s", publish.get()) : ""))});
        Release release = Release.of(service.name(), version, tag, head);
        ReleasePlan plan = new ReleasePlan(service, environment, Kind.DEPLOY, release, true, branch, refusal, current, notes(repo, current, head), journal,
                rule, publish);
        return refusal.isPresent() || rule.isPresent() ? plan : againstRunning(plan, options);
    }

    static final int CHANGES_SHOWN = 10;

    /** Refused when the command asks for the head it was shown (a confirmed plan) and the branch has moved since. */
    private static Optional<Refused> moved(Options options, Optional<String> branch, CommitId head) {
        return options.expectedHead().filter(expected -> !head.sha().startsWith(expected)).map(expected -> new Refused("plan-changed",
                "%s moved since the plan was shown: it was at %s and is at %s now, so what was confirmed is not what would deploy"
                        .formatted(branch.orElse("the branch"), expected.substring(0, Math.min(12, expected.length())), head.abbreviated()),
                "look at the new plan and confirm it again"));
    }

    /** Refused when tracked files have uncommitted changes, unless allowed; allowed, the journal says they are not in the release. */
    private Optional<Refused> uncommitted(SourceRepository repo, Options options, List<String[]> journal) {
        List<String> changed = git.uncommittedChanges(repo);
        if (changed.isEmpty()) return Optional.empty();
        String files = String.join(", ", changed.subList(0, Math.min(CHANGES_SHOWN, changed.size())))
                + (changed.size() > CHANGES_SHOWN ? " and %d more".formatted(changed.size() - CHANGES_SHOWN) : "");
        String count = "%d tracked file%s".formatted(changed.size(), changed.size() == 1 ? "" : "s");
        if (options.allowDirty()) {
            journal.add(new String[] {"check-working-copy", "%s changed but not committed (%s): these changes are NOT in this release (--allow-dirty)".formatted(count, files)});
            return Optional.empty();
        }
        return Optional.of(new Refused("uncommitted-changes",
                "the working copy has uncommitted changes to %s: %s; a deploy takes the commit, not these changes".formatted(count, files),
                "commit and deploy again (or stash them with `git stash`), or pass --allow-dirty to deploy the commit without them"));
    }

    private static Refused notPublished(String branch, VersionControl.AheadBehind apart) {
        String behind = "%d commit%s".formatted(apart.behind(), apart.behind() == 1 ? "" : "s");
        if (apart.ahead() == 0) {
            return new Refused("branch-not-published",
                    "%s is %s behind origin/%s: someone pushed commits this working copy does not have".formatted(branch, behind, branch),
                    "run `git pull --ff-only origin %s` and deploy again".formatted(branch));
        }
        return new Refused("branch-not-published",
                "%s and origin/%s have diverged: %d commit%s only here, %s only on origin".formatted(branch, branch, apart.ahead(), apart.ahead() == 1 ? "" : "s", behind),
                "run `git pull --rebase origin %s` (or merge origin/%s), push, and deploy again".formatted(branch, branch));
    }

    /** Refuses a commit that runs already (unless a redeploy is asked) or that is older than, or unrelated to, the running one. */
    private ReleasePlan againstRunning(ReleasePlan plan, Options options) {
        if (plan.current().isEmpty()) return plan;
        Release running = plan.current().get();
        Release release = plan.release();
        String where = "%s/%s".formatted(plan.service().name(), plan.environment().name());
        if (release.commit().equals(running.commit())) {
            if (options.redeploy()) {
                if (plan.kind() == Kind.REDEPLOY) return plan;
                return plan.redeploying(Release.of(running.service(), running.version(), running.tag(), running.commit()), ReleaseNotes.EMPTY)
                        .noting("resolve-version", "%s runs already at %s: deploying it again as asked (--redeploy)".formatted(running.tag(), running.commit().abbreviated()));
            }
            String what = plan.kind() == Kind.REDEPLOY && release.tag().equals(running.tag())
                    ? "%s runs already".formatted(running.tag())
                    : "%s runs %s at %s, the commit %s would deploy".formatted(where, running.tag(), running.commit().abbreviated(), release.tag());
            return plan.refused(new Refused("nothing-new", "%s: there is nothing new to deploy to %s".formatted(what, where),
                    "commit and push a change first, or pass --redeploy to deploy %s again".formatted(running.tag())));
        }
        SourceRepository repo = plan.service().repository();
        String relation;
        try {
            if (git.isAncestor(repo, release.commit(), running.commit())) relation = "is older than";
            else if (!git.isAncestor(repo, running.commit(), release.commit())) relation = "is not related to";
            else return plan;
        } catch (OutsideSystemFailure e) {
            relation = "cannot be compared with";
        }
        String said = "%s (%s) %s %s (%s), which %s runs: deploying it would go backwards".formatted(release.tag(), release.commit().abbreviated(), relation,
                running.tag(), running.commit().abbreviated(), where);
        if (options.allowOlder()) return plan.noting("check-history", said.replace("would go backwards", "goes backwards, as asked (--allow-older)"));
        return plan.refused(new Refused("older-than-running", said,
                "to go back on purpose run `slipway rollback %s`; to deploy it anyway pass --allow-older; otherwise push the newer commits back to origin"
                        .formatted(plan.environment().name())));
    }

    /** A tag pushed to the remote, deployed as the remote has it: never created, refused when the remote lacks it or it points elsewhere. */
    private ReleasePlan remoteTag(Service service, Environment environment, RemoteTag asked, Optional<String> branch, Optional<Release> current,
                                  List<String[]> journal, Options options) {
        SourceRepository repo = service.repository();
        Version version = environment.tagPattern().parseInput(asked.tag());
        String tag = environment.tagPattern().format(version);
        Optional<CommitId> there = git.remoteTag(repo, tag);
        Optional<CommitId> local = git.tag(repo, tag);
        Release release = Release.of(service.name(), version, tag, there.or(() -> local).orElseGet(() -> git.publishedHead(repo, environment.branchPolicy().branch())
                .orElseThrow(() -> new IllegalArgumentException("there is no tag %s in %s".formatted(tag, repo)))));
        ReleasePlan plan = new ReleasePlan(service, environment, Kind.REDEPLOY, release, false, branch, Optional.empty(), current, ReleaseNotes.EMPTY, journal);
        if (there.isEmpty()) {
            return plan.refused(new Refused("tag-not-on-remote", "tag %s is not on the remote of %s: a pushed tag deploys only as the remote has it, and Slipway creates none"
                    .formatted(tag, service.name()), "push the tag (git push origin %s), or deploy a new version with `slipway deploy %s`".formatted(tag, environment.name())));
        }
        Optional<String> elsewhere = asked.expectedCommit().filter(sha -> !there.get().sha().startsWith(sha.toLowerCase(java.util.Locale.ROOT)))
                .map(sha -> "the push said %s, the remote has it at %s".formatted(abbreviate(sha), there.get().abbreviated()))
                .or(() -> local.filter(l -> !l.equals(there.get())).map(l -> "this repository has it at %s, the remote at %s".formatted(l.abbreviated(), there.get().abbreviated())));
        if (elsewhere.isPresent()) {
            return plan.refused(new Refused("tag-mismatch", "tag %s points elsewhere: %s".formatted(tag, elsewhere.get()),
                    "check who moved tag %s, fix it on the remote, and push it again".formatted(tag)));
        }
        journal.add(new String[] {"resolve-version", "%s as pushed to the remote (%s)".formatted(tag, there.get().abbreviated())});
        Optional<String> refusal = reachableFromBranch(repo, environment, there.get(), tag);
        journal.add(new String[] {"check-branch", refusal.orElse("%s is on branch %s".formatted(tag, environment.branchPolicy().branch()))});
        plan = new ReleasePlan(service, environment, Kind.REDEPLOY, release, false, branch, refusal, current, notes(repo, current, there.get()), journal);
        return refusal.isPresent() ? plan : againstRunning(plan, options);
    }

    private static String abbreviate(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** Pushes a local branch that is ahead of the remote's (fast-forward only). */
    void publish(SourceRepository repo, String branch) {
        git.pushBranch(repo, branch);
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
