package dev.slipway.application.fakes;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.ArtifactRegistryContract;

/** The artifact registry contract run against the in-memory fake. */
class FakeArtifactRegistryContractTest extends ArtifactRegistryContract {

    private final FakeArtifactRegistry registry = new FakeArtifactRegistry();

    @Override
    protected ArtifactRegistry registry() {
        return registry;
    }

    @Override
    protected String repository() {
        return "hello";
    }

    @Override
    protected String push(String repository, String tag) {
        return registry.push(repository, tag);
    }
}
