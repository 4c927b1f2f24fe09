package dev.slipway.adapter.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcPropertiesTest {

    @Test
    void defaultsToAnH2FileUnderDotSlipwaySharedByEveryProcessOnTheMachine() {
        JdbcProperties defaults = JdbcProperties.defaults();

        assertThat(defaults.url()).isEqualTo("jdbc:h2:file:./.slipway/registry;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(defaults.isH2()).isTrue();
        assertThat(defaults.username()).isEqualTo("sa");
        assertThat(defaults.poolSize()).isEqualTo(4);
        assertThat(new JdbcProperties("  ", null, 0).url()).isEqualTo(JdbcProperties.DEFAULT_URL);
    }

    @Test
    void makesEveryH2FileWriteItsCommitsBeforeTheyReturnUnlessTheUrlSaysOtherwise() {
        assertThat(JdbcProperties.of("jdbc:h2:file:/var/slipway/registry;AUTO_SERVER=TRUE", null).url())
                .isEqualTo("jdbc:h2:file:/var/slipway/registry;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(JdbcProperties.of("jdbc:h2:file:/var/slipway/registry;write_delay=100", null).url())
                .isEqualTo("jdbc:h2:file:/var/slipway/registry;write_delay=100");
        assertThat(JdbcProperties.of("jdbc:h2:mem:test", null).url()).isEqualTo("jdbc:h2:mem:test");
    }

    @Test
    void switchesToPostgresForAPostgresUrlWithoutInventingAUser() {
        JdbcProperties postgres = JdbcProperties.of("jdbc:postgresql://db.internal:5432/slipway", null);

        assertThat(postgres.isPostgres()).isTrue();
        assertThat(postgres.isH2()).isFalse();
        assertThat(postgres.username()).isNull();
        assertThat(JdbcProperties.of("jdbc:postgresql://db/slipway", "slipway").username()).isEqualTo("slipway");
    }

    @Test
    void refusesAPasswordInTheUrlAndPointsAtTheEnvironmentVariable() {
        assertThatThrownBy(() -> JdbcProperties.of("jdbc:postgresql://db/slipway?user=s&password=hunter2", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLIPWAY_DB_PASSWORD")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcProperties.of("jdbc:h2:file:./x;PASSWORD=hunter2", null))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesDatabasesItDoesNotSupportWithoutEchoingTheUrlParameters() {
        assertThatThrownBy(() -> JdbcProperties.of("jdbc:mysql://db/slipway?token=abc", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:")
                .hasMessageContaining("jdbc:mysql://db/slipway...")
                .hasMessageNotContaining("abc");
    }

    @Test
    void refusesAPoolThatIsTooBig() {
        assertThatThrownBy(() -> new JdbcProperties(null, null, 500)).hasMessageContaining("between 1 and 64");
    }
}
