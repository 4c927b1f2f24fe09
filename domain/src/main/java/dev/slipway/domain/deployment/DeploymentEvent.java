package dev.slipway.domain.deployment;

/** What front ends hear while a deployment runs; each event carries the deployment as it now stands. */
public sealed interface DeploymentEvent {

    Deployment deployment();

    record DeploymentStarted(Deployment deployment) implements DeploymentEvent {}

    record StepStarted(Deployment deployment, String step) implements DeploymentEvent {}

    /** A step said how far it is; {@code fraction} is between 0 and 1, or negative when unknown. */
    record StepProgressed(Deployment deployment, String step, String message, double fraction) implements DeploymentEvent {}

    record StepFinished(Deployment deployment, Step step) implements DeploymentEvent {}

    record DeploymentFinished(Deployment deployment) implements DeploymentEvent {}
}
