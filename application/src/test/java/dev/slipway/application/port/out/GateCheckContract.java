package dev.slipway.application.port.out;

import dev.slipway.application.port.out.GateCheck.Reading;
import dev.slipway.domain.environment.Gate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link GateCheck} does, run against the fake and against each real adapter: it reads a gate of its kind as
 * passed or failed, saying the value it saw and the threshold, and never throws for a gate that does not pass.
 */
public abstract class GateCheckContract {

    protected final RecordingStepContext step = new RecordingStepContext();

    /** The check under test. */
    protected abstract GateCheck check();

    /** A gate of the check's kind that passes now. */
    protected abstract Gate passingGate();

    /** A gate of the check's kind that fails now. */
    protected abstract Gate failingGate();

    @Test
    void readsGatesOfTheKindItNames() {
        assertThat(check().kind()).isEqualTo(passingGate().kind()).isIn("cloudwatch-alarms", "prometheus", "http");
    }

    @Test
    void readsAPassingGateAsPassedSayingTheValueAndTheThreshold() {
        Reading reading = check().check(passingGate(), step);

        assertThat(reading.passed()).as(reading.toString()).isTrue();
        assertThat(reading.value()).isNotBlank();
        assertThat(reading.threshold()).isNotBlank();
    }

    @Test
    void readsAFailingGateAsFailedWithoutThrowingSayingTheValueAndTheThreshold() {
        Reading reading = check().check(failingGate(), step);

        assertThat(reading.passed()).as(reading.toString()).isFalse();
        assertThat(reading.value()).isNotBlank();
        assertThat(reading.threshold()).isNotBlank();
    }
}
