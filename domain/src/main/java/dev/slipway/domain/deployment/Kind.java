package dev.slipway.domain.deployment;

/** Why a deployment exists. */
public enum Kind {
    /** A new release, tagged for this deployment. */
    DEPLOY,
    /** An existing release deployed again. */
    REDEPLOY,
    /** An earlier release brought back on purpose. */
    ROLLBACK,
    /** A release of the environment this one is promoted from. */
    PROMOTE
}
