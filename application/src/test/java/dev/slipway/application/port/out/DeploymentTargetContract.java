package dev.slipway.application.port.out;

import dev.slipway.application.port.out.DeploymentTarget.Rollout;
import dev.slipway.application.port.out.DeploymentTarget.Running;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DeploymentTarget} does, run against the fake and against each real adapter. Subclasses supply a
 * service with one environment on their target and say, through {@link #sourceOf}, how a release behaves once started.
 * Releases are tagged {@code <version>-dev}.
 */
public abstract class DeploymentTargetContract {

    /** How a release behaves once the target starts it. */
    protected enum Behaviour {
        /** Answers its health path and, on its version path, its tag. */
        HEALTHY,
        /** Runs, but its health path never answers 2xx. */
        NEVER_HEALTHY,
        /** Exits as soon as it starts. */
        EXITS_AT_ONCE
    }

    protected final RecordingStepContext step = new RecordingStepContext();

    /** What the deployment registry would say runs: the last release whose roll-out succeeded. */
    private Optional<Release> current = Optional.empty();

    /** The target under test; the same instance for the whole test. */
    protected abstract DeploymentTarget target();

    /** Another instance of the target over the same lasting state, as the next CLI process would build it. */
    protected abstract DeploymentTarget reopened();

    /** A service with one environment served by the target. */
    protected abstract Service service();

    /** The files of {@code release}, arranged so that it behaves as told once started. */
    protected abstract ReleaseSource sourceOf(Release release, Behaviour behaviour);

    /** The version the release at {@code endpoint} answers, empty when nothing answers there. */
    protected abstract Optional<String> versionAnsweredAt(URI endpoint);

    /**
     * Whether a failed roll-out leaves the previous release serving (the local target checks health before it switches);
     * a target that replaces it in place (an agent on EC2, an ECS service) answers false and relies on the rollback.
     */
    protected boolean keepsThePreviousReleaseServingWhenARollOutFails() {
        return true;
    }

    protected final Environment environment() {
        return service().environments().values().iterator().next();
    }

    protected final Release release(String version) {
        String sha = "%040x".formatted(Integer.toUnsignedLong(version.hashCode()));
        return Release.of(service().name(), Version.parse(version), version + "-dev", CommitId.of(sha));
    }

    /** Prepares and rolls out a release as a deployment does, passing the release that runs as {@code current}. */
    protected final Rollout deploy(String version, Behaviour behaviour) {
        Release release = release(version);
        String artifact = target().prepare(service(), environment(), release, sourceOf(release, behaviour), step);
        Rollout rollout = target().rollOut(service(), environment(), release.withArtifact(artifact), current, step);
        if (rollout.succeeded()) current = Optional.of(release);
        return rollout;
    }

    protected final Optional<Running> running() {
        return target().running(service(), environment());
    }

    @Test
    void servesTheTargetTypeItsEnvironmentNames() {
        assertThat(target().type()).isEqualTo(environment().target().type());
    }

    @Test
    void acceptsTheSettingsOfItsEnvironment() {
        assertThat(target().validate(service(), environment())).isEmpty();
    }

    @Test
    void runsNothingBeforeTheFirstRollOut() {
        assertThat(running()).isEmpty();
    }

    @Test
    void preparingAReleaseTwiceAnswersTheSameArtifactAndTheReleaseCanBeRestored() {
        Release release = release("0.1.1");

        String first = target().prepare(service(), environment(), release, sourceOf(release, Behaviour.HEALTHY), step);
        String second = target().prepare(service(), environment(), release, sourceOf(release, Behaviour.HEALTHY), step);

        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(target().canRestore(service(), environment(), release)).isTrue();
    }

    @Test
    void aFirstRollOutRunsTheReleaseWhereItAnswersItsVersion() {
        Rollout rollout = deploy("0.1.1", Behaviour.HEALTHY);

        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        assertThat(rollout.endpoint()).isPresent();
        assertThat(rollout.instances()).isNotEmpty().allSatisfy(instance -> assertThat(instance.succeeded()).isTrue());
        assertThat(versionAnsweredAt(rollout.endpoint().orElseThrow())).contains("0.1.1-dev");
        assertThat(running()).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.1-dev");
            assertThat(running.alive()).isTrue();
            assertThat(running.endpoint()).isEqualTo(rollout.endpoint());
        });
    }

    @Test
    void aSecondRollOutReplacesTheFirst() {
        deploy("0.1.1", Behaviour.HEALTHY);

        Rollout rollout = deploy("0.1.2", Behaviour.HEALTHY);

        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        assertThat(versionAnsweredAt(rollout.endpoint().orElseThrow())).contains("0.1.2-dev");
        assertThat(running()).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.2-dev");
            assertThat(running.alive()).isTrue();
        });
    }

    @Test
    void aReleaseThatNeverBecomesHealthyFailsAndLeavesThePreviousOneServingWhereTheTargetCan() {
        deploy("0.1.1", Behaviour.HEALTHY);

        Rollout rollout = deploy("0.1.2", Behaviour.NEVER_HEALTHY);

        assertFailedAfter(rollout, "0.1.1-dev", "0.1.2-dev");
    }

    @Test
    void aReleaseThatExitsAtOnceFailsAndLeavesThePreviousOneServingWhereTheTargetCan() {
        deploy("0.1.1", Behaviour.HEALTHY);

        Rollout rollout = deploy("0.1.2", Behaviour.EXITS_AT_ONCE);

        assertFailedAfter(rollout, "0.1.1-dev", "0.1.2-dev");
    }

    @Test
    void aFailedFirstRollOutLeavesNothingServing() {
        Rollout rollout = deploy("0.1.1", Behaviour.NEVER_HEALTHY);

        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.previousStillServing()).isFalse();
        assertThat(running().filter(Running::alive)).isEmpty();
    }

    @Test
    void rollingOutTheReleaseThatRunsChangesNothing() {
        Rollout first = deploy("0.1.1", Behaviour.HEALTHY);

        Rollout again = deploy("0.1.1", Behaviour.HEALTHY);

        assertThat(again.succeeded()).as(again.detail()).isTrue();
        assertThat(again.endpoint()).isEqualTo(first.endpoint());
        assertServes("0.1.1-dev");
    }

    @Test
    void rollingBackAfterAFailedRollOutKeepsThePreviousReleaseServing() {
        deploy("0.1.1", Behaviour.HEALTHY);
        Release failed = release("0.1.2");
        deploy("0.1.2", Behaviour.NEVER_HEALTHY);
        Release previous = release("0.1.1");

        String artifact = target().prepare(service(), environment(), previous, sourceOf(previous, Behaviour.HEALTHY), step);
        Rollout back = target().rollOut(service(), environment(), previous.withArtifact(artifact), Optional.of(failed), step);

        assertThat(back.succeeded()).as(back.detail()).isTrue();
        assertServes("0.1.1-dev");
    }

    @Test
    void anotherInstanceOverTheSameStateFindsWhatRuns() {
        Rollout rollout = deploy("0.1.1", Behaviour.HEALTHY);

        Optional<Running> found = reopened().running(service(), environment());

        assertThat(found).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.1-dev");
            assertThat(running.alive()).isTrue();
            assertThat(running.endpoint()).isEqualTo(rollout.endpoint());
        });
    }

    /** The roll-out failed and said why; the previous release still serves where the target keeps it, and the failed one is never reported alive. */
    private void assertFailedAfter(Rollout rollout, String previous, String failed) {
        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.detail()).isNotBlank();
        assertThat(rollout.previousStillServing()).isEqualTo(keepsThePreviousReleaseServingWhenARollOutFails());
        if (keepsThePreviousReleaseServingWhenARollOutFails()) assertServes(previous);
        assertThat(running().filter(running -> running.alive() && running.tag().equals(failed))).isEmpty();
    }

    private void assertServes(String tag) {
        assertThat(running()).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo(tag);
            assertThat(running.alive()).isTrue();
            assertThat(versionAnsweredAt(running.endpoint().orElseThrow())).contains(tag);
        });
    }
}
