package dev.slipway.adapter.git;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the HTTPS token and user name from the environment. */
class HttpsCredentialsTest {

    @Test
    void readsTheTokenAndUserNameFromTheEnvironment() {
        var environment = Map.of("SLIPWAY_GIT_TOKEN", "ghp_abc", "SLIPWAY_GIT_USERNAME", "deploy-bot");

        assertThat(HttpsCredentials.from(environment::get)).contains(new HttpsCredentials("deploy-bot", "ghp_abc"));
    }

    @Test
    void usesTheUserNameForgesExpectOfATokenWhenNoneIsSet() {
        assertThat(HttpsCredentials.from(Map.of("SLIPWAY_GIT_TOKEN", "ghp_abc")::get))
                .contains(new HttpsCredentials("x-access-token", "ghp_abc"));
    }

    @Test
    void hasNoCredentialsWithoutAToken() {
        assertThat(HttpsCredentials.from(Map.<String, String>of()::get)).isEmpty();
        assertThat(HttpsCredentials.from(Map.of("SLIPWAY_GIT_TOKEN", "  ", "SLIPWAY_GIT_USERNAME", "bot")::get)).isEmpty();
    }

    @Test
    void neverPrintsTheToken() {
        assertThat(new HttpsCredentials("bot", "ghp_abc").toString()).doesNotContain("ghp_abc").contains("bot");
    }
}
