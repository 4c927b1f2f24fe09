package dev.slipway.domain.deployment;

/** Where one step of a deployment is. */
public enum StepStatus {
    RUNNING, SUCCEEDED, FAILED, SKIPPED
}
