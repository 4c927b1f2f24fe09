package dev.slipway.application.service;

import java.time.Duration;

/**
 * How the step engine holds locks: {@code owner} names this process (host, pid, nonce) in locks and deployments;
 * {@code lease} is how long a lock holds without renewal; the engine renews it every third of that.
 * {@code defaultTimeout} bounds a deployment that names no timeout of its own.
 */
public record RunnerSettings(String owner, Duration lease, Duration defaultTimeout) {

    public RunnerSettings {
        if (owner == null || owner.isBlank()) throw new IllegalArgumentException("the runner needs an owner name");
        if (lease == null || lease.toMillis() < 300) throw new IllegalArgumentException("a lock lease must be at least 300ms");
        if (defaultTimeout == null || defaultTimeout.isNegative() || defaultTimeout.isZero()) throw new IllegalArgumentException("the default timeout must be positive");
    }
}
