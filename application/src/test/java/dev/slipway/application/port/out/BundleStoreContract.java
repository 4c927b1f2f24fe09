package dev.slipway.application.port.out;

import dev.slipway.application.port.out.BundleStore.Bundle;
import dev.slipway.application.port.out.BundleStore.Contents;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link BundleStore} does, run against the fake and against each real adapter. */
public abstract class BundleStoreContract {

    protected abstract BundleStore store();

    /** A location (bucket) that exists and is empty. */
    protected abstract String location();

    protected final Contents bundleOf(String environment, String version) {
        return new Contents(location(), environment, version, Map.of(
                "slipway-agent.sh", "#!/usr/bin/env bash\necho deploying\n",
                "slipway.service.template", "[Service]\nExecStart=/usr/bin/docker run @IMAGE@\n",
                ".env.example", "PORT=8080\n",
                "VERSION", version + "\n"));
    }

    @Test
    void aStoredBundleIsFoundListedAndOpensWithItsFiles() {
        Contents contents = bundleOf("dev", "0.1.30-dev");

        Bundle stored = store().store(contents);

        assertThat(stored.version()).isEqualTo("0.1.30-dev");
        assertThat(stored.address()).contains("0.1.30-dev");
        assertThat(stored.size()).isPositive();
        assertThat(store().find(location(), "dev", "0.1.30-dev")).contains(stored);
        assertThat(store().list(location(), "dev")).containsExactly(stored);
        assertThat(store().open(location(), "dev", "0.1.30-dev")).contains(contents);
    }

    @Test
    void storingAVersionAgainReplacesIt() {
        store().store(bundleOf("dev", "0.1.30-dev"));
        Contents changed = new Contents(location(), "dev", "0.1.30-dev", Map.of("VERSION", "0.1.30-dev\n", ".env.example", "PORT=9090\n"));

        store().store(changed);

        assertThat(store().list(location(), "dev")).hasSize(1);
        assertThat(store().open(location(), "dev", "0.1.30-dev")).contains(changed);
    }

    @Test
    void environmentsKeepTheirBundlesApart() {
        store().store(bundleOf("dev", "0.1.29-dev"));
        store().store(bundleOf("dev", "0.1.30-dev"));
        store().store(bundleOf("prod", "v0.1.29"));

        assertThat(store().list(location(), "dev")).extracting(Bundle::version).containsExactly("0.1.29-dev", "0.1.30-dev");
        assertThat(store().list(location(), "prod")).extracting(Bundle::version).containsExactly("v0.1.29");
        assertThat(store().find(location(), "prod", "0.1.30-dev")).isEmpty();
    }

    @Test
    void aBundleNeverStoredIsNeitherFoundNorOpened() {
        assertThat(store().find(location(), "dev", "0.1.1-dev")).isEmpty();
        assertThat(store().open(location(), "dev", "0.1.1-dev")).isEmpty();
        assertThat(store().list(location(), "dev")).isEmpty();
    }
}
