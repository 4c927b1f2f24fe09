package dev.slipway.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchTest {

    @Test
    void readsSlipwayYmlInTheWorkingDirectoryByDefault() {
        Launch launch = Launch.parse(new String[] {"status"}, Map.of());

        assertThat(launch.configFile()).isEqualTo(Path.of("slipway.yml").toAbsolutePath());
        assertThat(launch.arguments()).containsExactly("status");
        assertThat(launch.command()).contains("status");
    }

    @Test
    void takesTheConfigurationFromTheOptionBeforeTheEnvironmentVariable() {
        Launch fromVariable = Launch.parse(new String[] {"status"}, Map.of("SLIPWAY_CONFIG", "/etc/slipway/slipway.yml"));
        Launch fromOption = Launch.parse(new String[] {"deploy", "dev", "--config", "/srv/slipway.yml"}, Map.of("SLIPWAY_CONFIG", "/etc/slipway/slipway.yml"));
        Launch fromJoinedOption = Launch.parse(new String[] {"--config=/srv/other.yml", "status"}, Map.of());

        assertThat(fromVariable.configFile()).isEqualTo(Path.of("/etc/slipway/slipway.yml"));
        assertThat(fromOption.configFile()).isEqualTo(Path.of("/srv/slipway.yml"));
        assertThat(fromOption.arguments()).containsExactly("deploy", "dev");
        assertThat(fromJoinedOption.configFile()).isEqualTo(Path.of("/srv/other.yml"));
        assertThat(fromJoinedOption.command()).contains("status");
        assertThat(fromJoinedOption.baseDirectory()).isEqualTo(Path.of("/srv"));
    }

    @Test
    void takesVerboseOutOfTheCommandsArgumentsAndReadsTheLogLevelFromTheEnvironment() {
        Launch launch = Launch.parse(new String[] {"--verbose", "history", "dev"}, Map.of("SLIPWAY_LOG", "DEBUG"));

        assertThat(launch.verbose()).isTrue();
        assertThat(launch.logLevel()).contains("debug");
        assertThat(launch.arguments()).containsExactly("history", "dev");
    }

    @Test
    void refusesAConfigOptionWithoutAPath() {
        assertThatThrownBy(() -> Launch.parse(new String[] {"status", "--config"}, Map.of())).hasMessageContaining("--config");
        assertThatThrownBy(() -> Launch.parse(new String[] {"--config=", "status"}, Map.of())).hasMessageContaining("--config");
    }

    @Test
    void hasNoCommandWhenTheFirstArgumentIsAnOption() {
        assertThat(Launch.parse(new String[] {"--help"}, Map.of()).command()).isEmpty();
        assertThat(Launch.parse(new String[0], Map.of()).command()).isEmpty();
    }
}
