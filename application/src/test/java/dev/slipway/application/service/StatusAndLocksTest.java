package dev.slipway.application.service;

import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Locks.LockCommand;
import dev.slipway.application.port.in.Locks.UnlockCommand;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static dev.slipway.application.service.SlipwayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

class StatusAndLocksTest {

    private final SlipwayFixture slipway = new SlipwayFixture();

    @SuppressWarnings("unchecked")
    private EnvironmentState dev() {
        var answer = (QueryOutcome.Answer<List<EnvironmentState>>) slipway.status.status(new StatusRequest(Optional.empty(), Optional.of("dev")));
        return answer.value().getFirst();
    }

    @Test
    void showsTheCurrentReleaseAndWhatTheTargetRuns() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");

        EnvironmentState dev = dev();

        assertThat(dev.current()).flatMap(Deployment::resultingRelease).map(Release::tag).contains("0.1.0-dev");
        assertThat(dev.runningTag()).contains("0.1.0-dev");
        assertThat(dev.alive()).contains(true);
        assertThat(dev.drift()).isEmpty();
        assertThat(dev.lock()).isEmpty();
    }

    @Test
    void runsTheHealthCheckBesideLiveness() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");
        assertThat(dev().health().state()).isEqualTo("healthy");

        slipway.probe.makeSick(java.net.URI.create("http://fake/hello/dev"));
        EnvironmentState dev = dev();

        assertThat(dev.liveness()).isEqualTo("up");
        assertThat(dev.health().state()).isEqualTo("unhealthy");
        assertThat(dev.health().detail()).contains("503");
    }

    @Test
    void aTargetThatDoesNotAnswerWithinTheBoundIsUnknownWhileTheRegistryStillAnswers() throws Exception {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        dev.slipway.application.port.out.DeploymentTarget hanging = new dev.slipway.application.port.out.DeploymentTarget() {
            public String type() { return "fake"; }
            public List<String> validate(dev.slipway.domain.environment.Service s, dev.slipway.domain.environment.Environment e) { return List.of(); }
            public String prepare(dev.slipway.domain.environment.Service s, dev.slipway.domain.environment.Environment e, Release r,
                                  dev.slipway.application.port.out.ReleaseSource source, dev.slipway.application.port.out.StepContext step) { throw new UnsupportedOperationException(); }
            public Rollout rollOut(dev.slipway.domain.environment.Service s, dev.slipway.domain.environment.Environment e, Release r, Optional<Release> current,
                                   dev.slipway.application.port.out.StepContext step) { throw new UnsupportedOperationException(); }
            public boolean canRestore(dev.slipway.domain.environment.Service s, dev.slipway.domain.environment.Environment e, Release r) { return true; }
            public Optional<Running> running(dev.slipway.domain.environment.Service s, dev.slipway.domain.environment.Environment e) {
                try {
                    never.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }
        };
        StatusService bounded = new StatusService(slipway.catalog, slipway.registry, slipway.locks, new Targets(List.of(hanging)), slipway.abandoned,
                slipway.probe, slipway.clock);
        try {
            @SuppressWarnings("unchecked")
            var answer = (QueryOutcome.Answer<List<EnvironmentState>>) bounded.status(new StatusRequest(Optional.empty(), Optional.of("dev"),
                    Optional.of(Duration.ofMillis(300))));
            EnvironmentState dev = answer.value().getFirst();
            assertThat(dev.current()).flatMap(Deployment::resultingRelease).map(Release::tag).contains("0.1.0-dev");
            assertThat(dev.liveness()).isEqualTo("unknown");
            assertThat(dev.health().state()).isEqualTo("unknown");
            assertThat(dev.health().detail()).isEqualTo("no answer within 300ms");
        } finally {
            never.countDown();
        }
    }

    @Test
    void reportsDriftWhenTheTargetRunsSomethingElse() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");
        slipway.commitOn("dev", "two");
        slipway.target.rollOut(slipway.catalog.services().getFirst(), slipway.catalog.services().getFirst().environment("dev").orElseThrow(),
                Release.of("hello", new Version(9, 9, 9), "9.9.9-dev", slipway.git.branchHead(slipway.repo, "dev").orElseThrow()), Optional.empty(),
                new dev.slipway.application.port.out.RecordingStepContext());

        assertThat(dev().drift()).hasValueSatisfying(d -> assertThat(d).contains("registry says 0.1.0-dev, the target runs 9.9.9-dev"));
    }

    @Test
    void marksADeploymentInterruptedOnceItsProcessStopsRenewingTheLease() {
        slipway.commitOn("dev", "one");
        var head = slipway.git.branchHead(slipway.repo, "dev").orElseThrow();
        Deployment running = Deployment.plan(DeploymentId.random(), Kind.DEPLOY, Release.of("hello", Version.FIRST, "0.1.0-dev", head), "dev",
                Optional.empty(), ALICE, null, null, null, slipway.clock.now()).start("killed-process", slipway.clock.now());
        running = running.stepStarted("roll-out", slipway.clock.now());
        slipway.registry.save(running);
        slipway.locks.acquire(new LockKey("hello", "dev"), "killed-process", "alice", "deploy", Optional.of(Duration.ofSeconds(15)), Optional.of(running.id().value()));

        assertThat(dev().active()).map(Deployment::status).contains(Status.RUNNING);
        assertThat(dev().lock()).isPresent();

        slipway.clock.advance(Duration.ofSeconds(20));
        EnvironmentState after = dev();

        assertThat(after.interrupted()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Status.INTERRUPTED);
            assertThat(d.failure()).hasValueSatisfying(f -> assertThat(f).contains("killed-process"));
            assertThat(d.step("roll-out").orElseThrow().status()).isEqualTo(dev.slipway.domain.deployment.StepStatus.FAILED);
        });
        assertThat(after.lock()).isEmpty();
        assertThat(slipway.locks.all()).isEmpty();
        assertThat(slipway.registry.find(running.id()).orElseThrow().status()).isEqualTo(Status.INTERRUPTED);
    }

    @Test
    void locksAndUnlocksAnEnvironmentWithAReason() {
        assertThat(slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze for the release", BOB)))
                .isInstanceOfSatisfying(LockOutcome.Locked.class, l -> assertThat(l.lock().isManual()).isTrue());
        assertThat(slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "mine", ALICE))).isInstanceOf(Refused.class);
        assertThat(slipway.lockService.locks()).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo("freeze for the release"));

        assertThat(slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", ALICE))).isInstanceOf(LockOutcome.Unlocked.class);
        assertThat(slipway.lockService.locks()).isEmpty();
        assertThat(slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", ALICE))).isInstanceOf(LockOutcome.NotLocked.class);
        assertThat(slipway.auditLog.recent(10)).extracting(e -> e.action() + ":" + e.outcome()).containsExactly("unlock:unlocked", "lock:refused", "lock:locked");
    }

    @Test
    void refusesToUnlockTheLiveLeaseOfARunningDeployment() {
        slipway.locks.acquire(new LockKey("hello", "dev"), "other-process", "alice", "deploy", Optional.of(Duration.ofSeconds(15)), Optional.of("0123456789ab"));

        assertThat(slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", BOB)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("0123456789ab"));
    }

    @Test
    void refusesALockWithoutAReason() {
        assertThat(slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", " ", BOB))).isInstanceOf(Invalid.class);
    }
}
