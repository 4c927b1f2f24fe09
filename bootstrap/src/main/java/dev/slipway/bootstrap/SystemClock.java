package dev.slipway.bootstrap;

import dev.slipway.application.port.out.Clock;

import java.time.Duration;
import java.time.Instant;

/** The machine's clock, and real waiting: the one place the running application reads the time. */
public final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) Thread.sleep(duration);
    }
}
