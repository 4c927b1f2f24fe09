package dev.slipway.adapter.slack;

import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signatures accepted in the last five minutes: a request whose signature was already accepted is a replay (a
 * recorded request sent again), refused. Older entries can go, because the signature window refuses them anyway.
 */
final class SeenSignatures {

    private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private long nextSweep;

    SeenSignatures(InstantSource clock) {
        this.clock = clock;
    }

    /** True the first time a signature is presented within the window. */
    boolean firstTime(String signature) {
        long now = clock.instant().getEpochSecond();
        sweep(now);
        return seen.putIfAbsent(signature, now + SlackRequestSignature.WINDOW.toSeconds() * 2) == null;
    }

    private void sweep(long now) {
        synchronized (this) {
            if (now < nextSweep) return;
            nextSweep = now + 30;
        }
        seen.values().removeIf(expiry -> expiry < now);
    }
}
