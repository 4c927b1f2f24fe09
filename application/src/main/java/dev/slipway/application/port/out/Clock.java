package dev.slipway.application.port.out;

import java.time.Duration;
import java.time.Instant;

/** The time, and waiting; the core never reads the system clock or sleeps on its own. */
public interface Clock {

    Instant now();

    /** Waits for {@code duration}; a fake clock advances instead. */
    void sleep(Duration duration) throws InterruptedException;
}
