package dev.slipway.application.fakes;

import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Gate;

import java.util.concurrent.atomic.AtomicInteger;

/** A gate check of one kind that passes until told to fail from a given read on, counting its reads. */
public final class FakeGateCheck implements GateCheck {

    private final String kind;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile int failFrom = Integer.MAX_VALUE;
    private volatile String failingValue = "";

    public FakeGateCheck(String kind) {
        this.kind = kind;
    }

    /** Reads from the {@code read}th on (1 is the first) fail, seeing {@code value}. */
    public void failFrom(int read, String value) {
        failFrom = read;
        failingValue = value;
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Reading check(Gate gate, StepContext step) {
        int read = reads.incrementAndGet();
        return read >= failFrom ? Reading.failed(failingValue, "the fake's threshold") : Reading.passed("fine", "the fake's threshold");
    }
}
