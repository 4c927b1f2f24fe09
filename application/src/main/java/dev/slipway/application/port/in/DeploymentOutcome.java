package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Deployment;

import java.time.Instant;

/** How a request to deploy, roll back, promote or approve ended. Front ends switch over it exhaustively. */
public sealed interface DeploymentOutcome permits DeploymentOutcome.Succeeded, DeploymentOutcome.NotDeployed, DeploymentOutcome.RolledBack, DeploymentOutcome.Failed,
        DeploymentOutcome.AwaitingApproval, DeploymentOutcome.Cancelled, DeploymentOutcome.TimedOut, Refused, Invalid {

    /** The release runs and passed verification. Exit code 0. */
    record Succeeded(Deployment deployment) implements DeploymentOutcome {}

    /**
     * The deployment failed before it changed anything (its tag, artifact or build failed, or the target refused the
     * roll-out before touching anything): the environment still runs {@code running} (empty when it ran nothing), and no
     * rollback was needed or attempted. Exit code 4.
     */
    record NotDeployed(Deployment deployment, String running, String reason) implements DeploymentOutcome {}

    /**
     * The release failed and the environment is back where it was: the release tagged {@code restored} serves again
     * (or never stopped), or {@code restored} is empty when nothing was deployed there before. Exit code 4.
     */
    record RolledBack(Deployment deployment, String restored, String reason) implements DeploymentOutcome {}

    /** The release failed and the environment may not be as it was (no rollback, or the rollback failed). Exit code 5. */
    record Failed(Deployment deployment, String reason, String howToRecover) implements DeploymentOutcome {}

    /** The deployment waits for someone allowed to approve it. Exit code 3 for a headless caller that cannot go on. */
    record AwaitingApproval(Deployment deployment, Instant expiresAt, String howToApprove) implements DeploymentOutcome {}

    /** Rejected, or its approval expired. Exit code 3. */
    record Cancelled(Deployment deployment, String reason) implements DeploymentOutcome {}

    /** A wait (for a lock, for a target) ran out before anything was changed. Exit code 6. */
    record TimedOut(String waitingFor, String reason) implements DeploymentOutcome {}
}
