package dev.slipway.adapter.local;

import dev.slipway.application.port.out.Clock;

import java.time.Duration;
import java.time.Instant;

/** The real time, for tests that run real processes. */
final class WallClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }
}
