package dev.slipway.bootstrap.init;

import dev.slipway.bootstrap.init.RepositorySurvey.TagFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RepositorySurveyTest {

    @Test
    void groupsTagsByTheirPatternLargestFamilyFirstWithTheNumericallyLatest() {
        List<TagFamily> families = RepositorySurvey.families(List.of("v0.1.0", "0.1.9-dev", "0.1.29-dev", "0.1.10-dev", "not-a-version", "release-2024"));

        assertThat(families).containsExactly(new TagFamily("{version}-dev", 3, "0.1.29-dev"), new TagFamily("v{version}", 1, "v0.1.0"));
    }

    @Test
    void readsTheEnvironmentFromATagSuffix() {
        assertThat(RepositorySurvey.environmentOf("{version}-dev")).contains("dev");
        assertThat(RepositorySurvey.environmentOf("{version}-staging")).contains("staging");
        assertThat(RepositorySurvey.environmentOf("v{version}")).isEmpty();
    }
}
