package dev.slipway.application.port.out;

import dev.slipway.application.port.out.HealthProbe.Health;
import dev.slipway.domain.environment.HealthCheck;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link HealthProbe} does, run against the fake and against each real adapter. Subclasses arrange what
 * an endpoint answers through the hooks; the checks here use short intervals so that a real probe stays quick.
 */
public abstract class HealthProbeContract {

    protected final RecordingStepContext step = new RecordingStepContext();

    /** The probe under test. */
    protected abstract HealthProbe probe();

    /** An endpoint whose health path answers 200 and whose version path answers {@code versionBody} as it is. */
    protected abstract URI healthyEndpoint(String versionBody);

    /** An endpoint whose health path answers 503 the first {@code failures} times it is asked, then 200. */
    protected abstract URI endpointHealthyAfter(int failures);

    /** An endpoint whose health path always answers 503. */
    protected abstract URI neverHealthyEndpoint();

    /** An endpoint where nothing listens. */
    protected abstract URI refusingEndpoint();

    protected static HealthCheck check(int attempts) {
        return new HealthCheck("/health", Duration.ofSeconds(2), attempts, Duration.ofMillis(50), Optional.empty());
    }

    protected static HealthCheck checkWithVersion(int attempts) {
        return new HealthCheck("/health", Duration.ofSeconds(2), attempts, Duration.ofMillis(50), Optional.of("/version"));
    }

    @Test
    void aHealthyEndpointIsHealthyOnTheFirstAttempt() {
        Health health = probe().probe(healthyEndpoint("0.1.30-dev"), check(3), step);

        assertThat(health.healthy()).isTrue();
        assertThat(health.attempts()).isEqualTo(1);
        assertThat(health.detail()).isNotBlank();
        assertThat(health.reportedVersion()).as("no version path, no version").isEmpty();
    }

    @Test
    void reportsTheTrimmedVersionBodyWhenTheCheckHasAVersionPath() {
        Health health = probe().probe(healthyEndpoint("  0.1.30-dev\n"), checkWithVersion(3), step);

        assertThat(health.healthy()).isTrue();
        assertThat(health.reportedVersion()).contains("0.1.30-dev");
    }

    @Test
    void retriesUntilTheEndpointBecomesHealthy() {
        Health health = probe().probe(endpointHealthyAfter(2), check(5), step);

        assertThat(health.healthy()).isTrue();
        assertThat(health.attempts()).isEqualTo(3);
    }

    @Test
    void givesUpWhenTheAttemptsRunOutAndSaysWhatItLastSaw() {
        Health health = probe().probe(neverHealthyEndpoint(), check(3), step);

        assertThat(health.healthy()).isFalse();
        assertThat(health.attempts()).isEqualTo(3);
        assertThat(health.detail()).contains("503");
        assertThat(health.reportedVersion()).isEmpty();
    }

    @Test
    void failsWhenTheEndpointRecoversOnlyAfterTheLastAttempt() {
        Health health = probe().probe(endpointHealthyAfter(3), check(3), step);

        assertThat(health.healthy()).isFalse();
        assertThat(health.attempts()).isEqualTo(3);
    }

    @Test
    void reportsEveryAttemptToTheStep() {
        probe().probe(neverHealthyEndpoint(), check(3), step);

        assertThat(step.reports()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(step.reports()).anySatisfy(report -> assertThat(report).contains("3"));
    }

    @Test
    void aRefusedConnectionIsAnUnhealthyResultNotAnException() {
        Health health = probe().probe(refusingEndpoint(), check(2), step);

        assertThat(health.healthy()).isFalse();
        assertThat(health.attempts()).isEqualTo(2);
        assertThat(health.detail()).isNotBlank();
    }
}
