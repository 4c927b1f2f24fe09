package dev.slipway.application.fakes;

import dev.slipway.application.port.out.Clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when told to, or when someone sleeps on it. */
public final class FakeClock implements Clock {

    private final AtomicReference<Instant> now;

    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public FakeClock() {
        this(Instant.parse("2026-11-24T09:00:00Z"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }
}
