package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.release.Commit;

import java.util.List;
import java.util.Optional;

/** What a deployment would do, without doing it. */
public sealed interface PlanOutcome permits PlanOutcome.Planned, Refused, Invalid {

    /**
     * The plan: the tag it would deploy and from which commit, whether the branch rule allows it ({@code branchRefusal}
     * empty) and whether the lock is free ({@code lock} empty), the commits since the current release, the target,
     * and whether approval is needed; {@code promotedFrom}, for a promotion, the environment whose release it takes.
     */
    record Planned(String service, String environment, Kind kind, String tag, String commit, Optional<String> currentTag,
                   Optional<String> branch, Optional<String> branchRefusal, List<Commit> commits, String target,
                   boolean approvalRequired, Optional<Lock> lock, boolean tagExists, Optional<String> promotedFrom) implements PlanOutcome {

        public Planned {
            promotedFrom = promotedFrom == null ? Optional.empty() : promotedFrom;
        }

        /** The plan of a deploy or rollback, which promotes nothing. */
        public Planned(String service, String environment, Kind kind, String tag, String commit, Optional<String> currentTag,
                       Optional<String> branch, Optional<String> branchRefusal, List<Commit> commits, String target,
                       boolean approvalRequired, Optional<Lock> lock, boolean tagExists) {
            this(service, environment, kind, tag, commit, currentTag, branch, branchRefusal, commits, target, approvalRequired, lock, tagExists,
                    Optional.empty());
        }

        /** Whether a deploy with the same words would start now. */
        public boolean wouldRun() {
            return branchRefusal.isEmpty() && lock.isEmpty();
        }
    }
}
