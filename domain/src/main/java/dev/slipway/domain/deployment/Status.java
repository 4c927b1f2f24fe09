package dev.slipway.domain.deployment;

import java.util.EnumSet;
import java.util.Set;

/** Where a deployment is in its life. */
public enum Status {
    PLANNED, AWAITING_APPROVAL, RUNNING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED, CANCELLED, INTERRUPTED;

    /** Statuses of a deployment that has not finished. */
    public static final Set<Status> ACTIVE = EnumSet.of(PLANNED, AWAITING_APPROVAL, RUNNING, ROLLING_BACK);
    /** Statuses of a deployment that a process is working on right now. */
    public static final Set<Status> IN_FLIGHT = EnumSet.of(RUNNING, ROLLING_BACK);
    /** Statuses after which the environment runs a known release. */
    public static final Set<Status> SETTLED = EnumSet.of(SUCCEEDED, ROLLED_BACK);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
