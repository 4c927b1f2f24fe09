package dev.slipway.domain.version;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BumpTest {

    @Test
    void readsTheThreeBumpsInAnyCase() {
        assertThat(Bump.parse("minor")).isEqualTo(Bump.MINOR);
        assertThat(Bump.parse(" PATCH ")).isEqualTo(Bump.PATCH);
        assertThat(new Version(1, 2, 3).bump(Bump.MAJOR)).isEqualTo(new Version(2, 0, 0));
    }

    @Test
    void refusesAnythingElseNamingTheChoices() {
        assertThatThrownBy(() -> Bump.parse("huge")).hasMessageContaining("patch, minor or major");
    }
}
