package dev.slipway.application.service;

import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.application.port.out.VersionControl.MergeResult;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.CommitId;

/**
 * Brings the tested commit into the branch of the environment it is promoted to, as that branch is on the remote after a
 * fetch, pushes it, and says what it did or why not.
 */
final class PromotionMerge {

    sealed interface Result {
        /** The branch now contains the commit; {@code head} is what the promotion tags and deploys. */
        record Merged(CommitId head, String detail) implements Result {}

        record Conflict(Refused refusal) implements Result {}
    }

    private PromotionMerge() {
    }

    static Result merge(VersionControl git, Service service, Environment from, Environment to, CommitId tested, String testedTag, String tag, Actor actor) {
        String branch = to.branchPolicy().branch();
        // The merge starts from the branch as the remote has it now, never from a stale local copy that cannot be pushed.
        git.fetch(service.repository());
        MergeResult merged = git.merge(service.repository(), tested, branch, "Promote %s to %s as %s".formatted(testedTag, to.name(), tag), actor);
        Result result = switch (merged) {
            case MergeResult.Conflicted conflict -> new Result.Conflict(new Refused("merge",
                    "merging %s into %s conflicts in %s".formatted(testedTag, branch, String.join(", ", conflict.files())),
                    "merge %s into %s by hand, resolve the conflicts, and promote again".formatted(from.branchPolicy().branch(), branch)));
            case MergeResult.AlreadyUpToDate up -> new Result.Merged(up.head(), "%s already contains %s".formatted(branch, testedTag));
            case MergeResult.FastForwarded ff -> new Result.Merged(ff.head(), "fast-forwarded %s to %s".formatted(branch, ff.head().abbreviated()));
            case MergeResult.Merged m -> new Result.Merged(m.head(), "merged %s into %s as %s".formatted(testedTag, branch, m.head().abbreviated()));
        };
        if (result instanceof Result.Merged && git.hasRemote(service.repository())) git.pushBranch(service.repository(), branch);
        return result;
    }
}
