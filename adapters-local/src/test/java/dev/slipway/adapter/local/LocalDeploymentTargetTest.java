package dev.slipway.adapter.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDeploymentTargetTest {

    @Test
    void keepsAnOrdinaryTagAsItsFileName() {
        assertThat(LocalDeploymentTarget.fileName("0.1.30-dev")).isEqualTo("0.1.30-dev");
        assertThat(LocalDeploymentTarget.fileName("v1.2.3")).isEqualTo("v1.2.3");
    }

    @Test
    void aTagWithASlashStaysOneDirectory() {
        assertThat(LocalDeploymentTarget.fileName("release/1.0.0")).isEqualTo("release%2F1.0.0");
    }

    @Test
    void aTagCannotClimbOutOrHide() {
        assertThat(LocalDeploymentTarget.fileName("../0.1.0")).isEqualTo("%2E.%2F0.1.0");
        assertThat(LocalDeploymentTarget.fileName(".0.1.0")).isEqualTo("%2E0.1.0");
    }
}
