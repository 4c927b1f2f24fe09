package dev.slipway.application.fakes;

import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistryContract;

/** The in-memory registry keeps the registry's contract. */
class InMemoryDeploymentRegistryContractTest extends DeploymentRegistryContract {

    @Override
    protected DeploymentRegistry newRegistry() {
        return new InMemoryDeploymentRegistry();
    }
}
