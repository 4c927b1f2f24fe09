package dev.slipway.domain.version;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagPatternTest {

    @ParameterizedTest
    @CsvSource({
            "{version}-dev, 0.1.30, 0.1.30-dev",
            "v{version}, 0.1.30, v0.1.30",
            "{version}, 1.0.0, 1.0.0",
            "release/{version}, 2.3.4, release/2.3.4"})
    void namesTagsByItsPattern(String pattern, String version, String tag) {
        assertThat(TagPattern.of(pattern).format(Version.parse(version))).isEqualTo(tag);
        assertThat(TagPattern.of(pattern).parse(tag)).contains(Version.parse(version));
    }

    @Test
    void doesNotMistakeAnotherEnvironmentsTagsForItsOwn() {
        assertThat(TagPattern.of("{version}").parse("0.1.30-dev")).isEmpty();
        assertThat(TagPattern.of("{version}-dev").parse("v0.1.30")).isEmpty();
        assertThat(TagPattern.of("v{version}").parse("0.1.30-dev")).isEmpty();
        assertThat(TagPattern.of("{version}-dev").parse("0.1.30-devel")).isEmpty();
    }

    @Test
    void picksTheLatestNumericallyNotAlphabetically() {
        var tags = List.of("0.1.9-dev", "0.1.10-dev", "0.1.2-dev", "0.2.0-rc", "v5.0.0");

        assertThat(TagPattern.of("{version}-dev").latest(tags)).contains(new Version(0, 1, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dev", "{version}{version}", "v{version} ", "{version};rm", "$({version})", "{version}`id`"})
    void refusesPatternsWithoutOneVersionOrWithUnsafeCharacters(String pattern) {
        assertThatThrownBy(() -> TagPattern.of(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explainsBothAcceptedFormsWhenInputIsNotAVersion() {
        assertThatThrownBy(() -> TagPattern.of("{version}-dev").parseInput("1.2"))
                .hasMessageContaining("'1.2' is not a version")
                .hasMessageContaining("0.1.30")
                .hasMessageContaining("0.1.30-dev");
    }
}
