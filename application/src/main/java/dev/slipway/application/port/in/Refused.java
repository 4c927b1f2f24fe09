package dev.slipway.application.port.in;

/** A policy said no (branch, lock, approval, freeze): which rule, why, and what would unblock it. Exit code 3. */
public record Refused(String rule, String reason, String howToUnblock)
        implements DeploymentOutcome, PlanOutcome, LockOutcome {
}
