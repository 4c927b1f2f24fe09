package dev.slipway.application.fakes;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentLocksContract;

/** The in-memory locks keep the locks' contract. */
class InMemoryDeploymentLocksContractTest extends DeploymentLocksContract {

    @Override
    protected DeploymentLocks newLocks(Clock clock) {
        return new InMemoryDeploymentLocks(clock);
    }
}
