package dev.slipway.application.service;

import dev.slipway.application.fakes.FakeDeploymentTarget;
import dev.slipway.application.fakes.FakeGateCheck;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.environment.Gate;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A bake keeps verifying a release after roll-out; gates are read after verification and during the bake. */
class BakeAndGatesTest {

    private static final URI DEV = FakeDeploymentTarget.endpointOf("hello", "dev");
    private static final Gate ALARMS = new Gate.CloudWatchAlarms(List.of("hello-5xx"));

    private final FakeGateCheck alarms = new FakeGateCheck("cloudwatch-alarms");
    private final SlipwayFixture slipway = new SlipwayFixture(dev -> dev.withDelivery(Duration.ofMinutes(5), List.of(ALARMS)), List.of(alarms));

    @Test
    void bakesAVerifiedReleaseForTheEnvironmentsBakeTimeBeforeItSucceeds() {
        slipway.commitOn("dev", "first commit");
        Instant start = slipway.clock.now();

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, done -> {
            assertThat(done.deployment().steps()).extracting(Step::name).containsSequence("roll-out", "verify", "bake", "record");
            assertThat(done.deployment().step("verify").orElseThrow().detail()).endsWith("; 1 gate pass");
            assertThat(done.deployment().step("bake").orElseThrow().detail()).isEqualTo("baked 5m: 10 checks, healthy and 1 gate passing throughout");
        });
        assertThat(Duration.between(start, slipway.clock.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(alarms.reads()).isEqualTo(11);
        assertThat(slipway.notifier.events()).filteredOn(DeploymentEvent.StepProgressed.class::isInstance).map(e -> ((DeploymentEvent.StepProgressed) e).message())
                .contains("baking: 4m30s left; healthy, gates pass", "baked: healthy, gates pass");
    }

    @Test
    void rollsBackWhenTheReleaseTurnsUnhealthyDuringTheBake() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second commit");
        slipway.listeners.add(event -> {
            if (event instanceof DeploymentEvent.StepProgressed p && p.message().startsWith("baking: 4m")
                    && p.deployment().release().tag().equals("0.1.1-dev")) slipway.probe.makeSick(DEV);
        });

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.0-dev");
            assertThat(back.reason()).startsWith("bake failed: 1m into the bake: unhealthy: ");
        });
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
    }

    @Test
    void rollsBackWhenAGateFailsDuringTheBakeNamingTheGateItsValueAndItsThreshold() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second commit");
        alarms.failFrom(alarms.reads() + 4, "hello-5xx is ALARM");

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.0-dev");
            assertThat(back.reason()).isEqualTo("bake failed: 1m30s into the bake: gate cloudwatch-alarms [hello-5xx] failed: hello-5xx is ALARM; threshold: the fake's threshold");
            // The rollback is not held back by the alarm that caused it, and does not bake.
            assertThat(back.deployment().step("rollback").orElseThrow().detail()).contains("rolled back 0.1.1-dev → 0.1.0-dev");
        });
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
    }

    @Test
    void aGateFailingRightAfterRollOutFailsVerificationAndRollsBack() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second commit");
        alarms.failFrom(alarms.reads() + 1, "hello-5xx is ALARM");

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(RolledBack.class, back -> assertThat(back.reason())
                .isEqualTo("verify failed: gate cloudwatch-alarms [hello-5xx] failed: hello-5xx is ALARM; threshold: the fake's threshold"));
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
    }

    @Test
    void aGateOfAKindThisBuildCannotReadFailsSayingSo() {
        SlipwayFixture without = new SlipwayFixture(dev -> dev.withDelivery(Duration.ZERO, List.of(ALARMS)), List.of());
        without.commitOn("dev", "first commit");

        DeploymentOutcome outcome = without.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.reason())
                .contains("gate cloudwatch-alarms [hello-5xx] cannot be read: this build has no cloudwatch-alarms check"));
    }

    @Test
    void aBakeStopsAtOnceWhenAnotherProcessTakesTheLockOver() {
        slipway.commitOn("dev", "first commit");
        AtomicBoolean taken = new AtomicBoolean();
        LockKey key = new LockKey("hello", "dev");
        slipway.listeners.add(event -> {
            if (event instanceof DeploymentEvent.StepProgressed p && p.message().startsWith("baking: 4m") && taken.compareAndSet(false, true)) {
                slipway.locks.breakLock(key);
                slipway.locks.acquire(key, "another-process", "bob", "deploy 0.1.1-dev", Optional.of(Duration.ofSeconds(15)), Optional.empty());
            }
        });
        Instant start = slipway.clock.now();

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.reason()).contains("lost its lock"));
        assertThat(Duration.between(start, slipway.clock.now())).isLessThan(Duration.ofMinutes(2));
        assertThat(slipway.locks.current(key)).map(l -> l.holder()).contains("another-process");
    }

    @Test
    void checksABakeEveryTenthOfItFromOneToThirtySeconds() {
        assertThat(DeploymentRunner.bakeInterval(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeploymentRunner.bakeInterval(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeploymentRunner.bakeInterval(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeploymentRunner.bakeInterval(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    }
}
