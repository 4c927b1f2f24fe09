package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.DeploymentId;

/**
 * A save of a deployment lost the race: someone else (another replica deciding on its approval, the sweep marking it
 * interrupted) saved it after the writer read it, so the writer's decision was not stored. The writer reads the
 * deployment again and tells its caller what happened instead.
 */
public final class DeploymentChanged extends RuntimeException {

    private final DeploymentId id;
    private final long expectedRevision;

    public DeploymentChanged(DeploymentId id, long expectedRevision) {
        super(expectedRevision == 0
                ? "deployment %s exists already".formatted(id)
                : "deployment %s changed since revision %d was read".formatted(id, expectedRevision), null, false, false);
        this.id = id;
        this.expectedRevision = expectedRevision;
    }

    public DeploymentId id() {
        return id;
    }

    /** The revision the writer read, which is no longer the stored one. */
    public long expectedRevision() {
        return expectedRevision;
    }
}
