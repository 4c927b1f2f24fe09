package dev.slipway.adapter.slack;

import dev.slipway.domain.deployment.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentMessageTest {

    @Test
    void showsALinePerWaveOfARollOutInWavesInWaveOrder() {
        Step rollOut = Step.started("roll-out", Instant.parse("2026-12-08T01:00:00Z"))
                .remembering("wave 10", "succeeded on 1 instance: i-0a")
                .remembering("wave 2", "failed on 1 of 4: i-0c")
                .remembering("wave 1", "succeeded on 1 instance: i-0b")
                .remembering("wave 1 ssm-command-1", "cmd-1")
                .remembering("instance i-0b", "Success exit 0");

        assertThat(DeploymentMessage.waves(rollOut)).containsExactly(
                "wave 1: succeeded on 1 instance: i-0b", "wave 2: failed on 1 of 4: i-0c", "wave 10: succeeded on 1 instance: i-0a");
        assertThat(DeploymentMessage.waves(Step.started("bake", Instant.parse("2026-12-08T01:00:00Z")).progressed("baking: 4m30s left; healthy"))).isEmpty();
    }

    @Test
    void aPlanSaysTheWavesBakeAndGatesThatWillApplyOnOneLine() {
        var plan = new dev.slipway.application.port.in.PlanOutcome.Planned("hello", "prod", dev.slipway.domain.deployment.Kind.DEPLOY, "v0.1.31",
                "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2", java.util.Optional.of("v0.1.30"), java.util.Optional.of("main"), java.util.Optional.empty(),
                java.util.List.of(), "ec2-ssm", false, java.util.Optional.empty(), false,
                new dev.slipway.application.port.in.PlanOutcome.Delivery(java.util.Optional.of("1,50%,100%"), java.time.Duration.ofMinutes(5),
                        java.util.List.of("cloudwatch-alarms [hello-5xx]")));

        assertThat(SlackText.plan(plan)).contains("• waves 1, 50%, 100% · bake 5m · gates: cloudwatch-alarms [hello-5xx]\n");
    }
}
