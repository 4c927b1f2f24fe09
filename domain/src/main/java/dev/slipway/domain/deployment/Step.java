package dev.slipway.domain.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One journaled unit of a deployment. {@code detail} is the latest human-readable word on it; {@code state}
 * holds what the step needs to resume or to explain itself later (an SSM command id, a pid, an endpoint).
 */
public record Step(String name, StepStatus status, Instant startedAt, Optional<Instant> finishedAt, String detail, Map<String, String> state) {

    public Step {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a step needs a name");
        if (status == null || startedAt == null) throw new IllegalArgumentException("step %s needs a status and a start".formatted(name));
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        detail = detail == null ? "" : detail;
        state = state == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    public static Step started(String name, Instant at) {
        return new Step(name, StepStatus.RUNNING, at, Optional.empty(), "", Map.of());
    }

    public Step finished(StepStatus outcome, String detail, Instant at) {
        if (status != StepStatus.RUNNING) throw new IllegalStateException("step %s is %s, only a running step can finish".formatted(name, status));
        if (outcome == StepStatus.RUNNING) throw new IllegalArgumentException("a step cannot finish as running");
        return new Step(name, outcome, startedAt, Optional.of(at), detail, state);
    }

    public Step progressed(String detail) {
        return new Step(name, status, startedAt, finishedAt, detail, state);
    }

    public Step remembering(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(state);
        next.put(key, value);
        return new Step(name, status, startedAt, finishedAt, detail, next);
    }

    public Optional<Duration> elapsed() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }
}
