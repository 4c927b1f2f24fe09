package dev.slipway.adapter.aws;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS configuration: binds slipway.aws.*, builds the adapters without touching AWS until one is used. */
class AwsConfigurationTest {

    private static AnnotationConfigApplicationContext context(Map<String, Object> properties) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.registerBean(Clock.class, () -> new FakeClock());
        context.register(AwsConfiguration.class);
        context.refresh();
        return context;
    }

    @Test
    void bindsTheAwsSettingsFromSlipwayAwsProperties() {
        try (var context = context(Map.of("slipway.aws.region", "eu-west-1", "slipway.aws.endpoint", "http://127.0.0.1:5000",
                "slipway.aws.max-attempts", "6", "slipway.aws.retry-base-delay", "50ms", "slipway.aws.api-call-timeout", "20s",
                "slipway.aws.api-call-attempt-timeout", "5s", "slipway.aws.poll-interval", "500ms"))) {
            assertThat(context.getBean(AwsSettings.class)).isEqualTo(new AwsSettings(Optional.of("eu-west-1"), Optional.of(URI.create("http://127.0.0.1:5000")), 6,
                    Duration.ofMillis(50), Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMillis(500)));
        }
    }

    @Test
    void startsWithoutRegionOrCredentialsAndOffersEveryAwsTargetAndTrigger() {
        try (var context = context(Map.of())) {
            assertThat(context.getBean(AwsSettings.class)).isEqualTo(AwsSettings.defaults());
            assertThat(context.getBean(SsmDeploymentTarget.class).type()).isEqualTo("ec2-ssm");
            assertThat(context.getBean(EcsDeploymentTarget.class).type()).isEqualTo("ecs");
            assertThat(context.getBean(CodeBuildTrigger.class).type()).isEqualTo("codebuild");
            assertThat(context.getBean(CodePipelineTrigger.class).type()).isEqualTo("codepipeline");
            assertThat(context.getBean(EcrArtifactRegistry.class)).isNotNull();
            assertThat(context.getBean(S3BundleStore.class)).isNotNull();
        }
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> context(Map.of("slipway.aws.poll-interval", "often")).close()).hasRootCauseMessage("slipway.aws.poll-interval is 'often'; use a duration such as 500ms, 30s or 2m");
        assertThatThrownBy(() -> AwsSettings.defaults().withRetries(0, Duration.ofMillis(1))).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> AwsSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))).hasMessageContaining("longer than api-call-timeout");
        assertThatThrownBy(() -> AwsSettings.defaults().withEndpoint(URI.create("ftp://x"), "eu-west-1")).hasMessageContaining("http or https");
    }
}
