package dev.slipway.domain.rollback;

/** What went wrong in a deployment, as far as the rollback policy cares. */
public enum FailureKind {
    /** The target could not bring the release up. */
    ROLLOUT,
    /** The release came up but did not pass verification (health check, version check). */
    VERIFICATION,
    /** The deployment ran past its deadline. */
    TIMEOUT
}
