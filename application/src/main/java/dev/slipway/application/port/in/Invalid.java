package dev.slipway.application.port.in;

/** The request itself is wrong (unknown environment, malformed version); nothing was done. Exit code 2. */
public record Invalid(String reason, String hint) implements DeploymentOutcome, PlanOutcome, LockOutcome, QueryOutcome {
}
