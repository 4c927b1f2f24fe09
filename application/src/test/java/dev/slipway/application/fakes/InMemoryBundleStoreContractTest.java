package dev.slipway.application.fakes;

import dev.slipway.application.port.out.BundleStore;
import dev.slipway.application.port.out.BundleStoreContract;

/** The bundle store contract run against the in-memory fake. */
class InMemoryBundleStoreContractTest extends BundleStoreContract {

    private final InMemoryBundleStore store = new InMemoryBundleStore();

    @Override
    protected BundleStore store() {
        return store;
    }

    @Override
    protected String location() {
        return "bundles-bucket";
    }
}
