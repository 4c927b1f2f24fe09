package dev.slipway.adapter.slack;

import dev.slipway.domain.version.Bump;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCommandTest {

    @Test
    void readsADeployWithABumpAndAService() {
        assertThat(ChatCommand.parse("/deploy", "dev --bump minor --service hello"))
                .isEqualTo(new ChatCommand.Deploy(Optional.of("hello"), "dev", Optional.empty(), Optional.of(Bump.MINOR)));
        assertThat(ChatCommand.parse("/deploy", "dev 0.1.30-dev"))
                .isEqualTo(new ChatCommand.Deploy(Optional.empty(), "dev", Optional.of("0.1.30-dev"), Optional.empty()));
    }

    @Test
    void readsTheSubcommandsOfDeploy() {
        assertThat(ChatCommand.parse("/deploy", "plan prod")).isEqualTo(new ChatCommand.Plan(Optional.empty(), "prod", Optional.empty(), Optional.empty()));
        assertThat(ChatCommand.parse("/deploy", "status")).isEqualTo(new ChatCommand.Status(Optional.empty(), Optional.empty()));
        assertThat(ChatCommand.parse("/deploy", "lock prod database migration"))
                .isEqualTo(new ChatCommand.Lock(Optional.empty(), "prod", "database migration"));
        assertThat(ChatCommand.parse("/deploy", "unlock prod")).isEqualTo(new ChatCommand.Unlock(Optional.empty(), "prod"));
        assertThat(ChatCommand.parse("/deploy", "help")).isEqualTo(new ChatCommand.Help());
        assertThat(ChatCommand.parse("/deploy", "")).isEqualTo(new ChatCommand.Help());
    }

    @Test
    void readsRollbackPromoteAndDeployments() {
        assertThat(ChatCommand.parse("/rollback", "dev 0.1.28-dev")).isEqualTo(new ChatCommand.Rollback(Optional.empty(), "dev", Optional.of("0.1.28-dev")));
        assertThat(ChatCommand.parse("/promote", "dev prod")).isEqualTo(new ChatCommand.Promote(Optional.empty(), "dev", "prod"));
        assertThat(ChatCommand.parse("/deployments", "")).isEqualTo(new ChatCommand.History(Optional.empty(), Optional.empty()));
    }

    @Test
    void readsMetricsWithAnEnvironmentAndAWindow() {
        assertThat(ChatCommand.parse("/deploy", "metrics")).isEqualTo(new ChatCommand.Metrics(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(ChatCommand.parse("/deploy", "metrics prod --since 90d --service hello"))
                .isEqualTo(new ChatCommand.Metrics(Optional.of("hello"), Optional.of("prod"), Optional.of("90d")));
        assertThat(ChatCommand.parse("/deploy", "dev --since 90d")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/deploy", "metrics dev prod")).isInstanceOf(ChatCommand.Usage.class);
    }

    @Test
    void readsTypographicDashesAsTheOptionsTheyWere() {
        assertThat(ChatCommand.parse("/deploy", "dev \u2014bump=major"))
                .isEqualTo(new ChatCommand.Deploy(Optional.empty(), "dev", Optional.empty(), Optional.of(Bump.MAJOR)));
    }

    @Test
    void answersMalformedWordsWithUsage() {
        assertThat(ChatCommand.parse("/deploy", "dev --bump huge")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/deploy", "dev 0.1.2 --bump minor")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/deploy", "lock prod")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/deploy", "dev --colour red")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/deploy", "dev --service")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/promote", "dev")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/rollback", "")).isInstanceOf(ChatCommand.Usage.class);
        assertThat(ChatCommand.parse("/ship", "dev")).isInstanceOf(ChatCommand.Usage.class);
    }
}
