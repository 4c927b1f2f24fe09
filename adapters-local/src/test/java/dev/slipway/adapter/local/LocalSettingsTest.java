package dev.slipway.adapter.local;

import dev.slipway.domain.environment.TargetSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSettingsTest {

    private static TargetSpec local(Map<String, String> settings) {
        return new TargetSpec("local", settings);
    }

    @Test
    void readsCommandPortKeepAndWorkdir() {
        LocalSettings settings = LocalSettings.of(local(Map.of("command", "python3 app.py", "port", "18080", "keep", "3", "workdir", "services/api")));

        assertThat(settings.command().argv()).containsExactly("python3", "app.py");
        assertThat(settings.port()).isEqualTo(18080);
        assertThat(settings.keep()).isEqualTo(3);
        assertThat(settings.workdir()).contains(Path.of("services/api"));
    }

    @Test
    void readsAnOptionalProxyPortThatMustNotBeOneOfTheSlots() {
        assertThat(LocalSettings.of(local(Map.of("command", "./run", "port", "18080", "proxy-port", "8080"))).proxyPort()).contains(8080);
        assertThat(LocalSettings.of(local(Map.of("command", "./run", "port", "18080"))).proxyPort()).isEmpty();
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "18080", "proxy-port", "18081"))))
                .singleElement().asString().contains("'proxy-port' is 18081").contains("other than port and port + 1");
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "18080", "proxy-port", "web"))))
                .singleElement().asString().contains("'proxy-port' is 'web'");
    }

    @Test
    void keepsFiveReleasesAndRunsInTheReleaseItselfUnlessTold() {
        LocalSettings settings = LocalSettings.of(local(Map.of("command", "./run", "port", "18080")));

        assertThat(settings.keep()).isEqualTo(5);
        assertThat(settings.workdir()).isEmpty();
    }

    @Test
    void takesTheReleaseDirectoryItselfForADotWorkdir() {
        assertThat(LocalSettings.of(local(Map.of("command", "./run", "port", "18080", "workdir", "."))).workdir()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesTheLastPortBecauseTheSecondSlotNeedsTheNextOne() {
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "65535")))).singleElement()
                .asString().contains("'port' is 65535").contains("1024 to 65534");
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "65534")))).isEmpty();
    }

    @Test
    void refusesAPortThatIsNotANumber() {
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "http")))).singleElement()
                .asString().contains("'port' is 'http'");
    }

    @Test
    void refusesToKeepNoRelease() {
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "18080", "keep", "0")))).singleElement()
                .asString().contains("'keep' is 0").contains("default 5");
    }

    @Test
    void refusesAWorkdirOutsideTheRelease() {
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "18080", "workdir", "/etc")))).singleElement()
                .asString().contains("'workdir' is '/etc'");
        assertThat(LocalSettings.problems(local(Map.of("command", "./run", "port", "18080", "workdir", "app/../../x")))).singleElement()
                .asString().contains("inside the release");
    }

    @Test
    void refusesACommandWithAnOpenQuote() {
        assertThat(LocalSettings.problems(local(Map.of("command", "python3 \"app.py", "port", "18080")))).singleElement()
                .asString().contains("'command' cannot be read").contains("double quote");
    }

    @Test
    void refusingTheSettingsListsEveryProblem() {
        assertThatThrownBy(() -> LocalSettings.of(local(Map.of("port", "1", "speed", "fast"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting speed")
                .hasMessageContaining("'command' is required")
                .hasMessageContaining("'port' is 1");
    }

    @Test
    void answersTheDefaultKeepForSettingsItCannotRead() {
        assertThat(LocalSettings.keepOf(local(Map.of("keep", "many")))).isEqualTo(5);
        assertThat(LocalSettings.keepOf(local(Map.of("keep", "-2")))).isEqualTo(5);
        assertThat(LocalSettings.keepOf(local(Map.of("keep", "2")))).isEqualTo(2);
    }
}
