package dev.slipway.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A step context for port contract tests: keeps every report and journaled value, with a deadline far away unless told. */
public final class RecordingStepContext implements StepContext {

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Map<String, String> journal = new ConcurrentHashMap<>();
    private final Instant deadline;
    private volatile boolean holds = true;

    public RecordingStepContext(Instant deadline) {
        this.deadline = deadline;
    }

    public RecordingStepContext() {
        this(Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Override
    public void report(String message) {
        reports.add(message);
    }

    @Override
    public void report(String message, double fraction) {
        if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("fraction %s is outside 0..1".formatted(fraction));
        reports.add(message);
    }

    @Override
    public void remember(String key, String value) {
        journal.put(key, value);
    }

    @Override
    public Optional<String> recall(String key) {
        return Optional.ofNullable(journal.get(key));
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public boolean stillHolds() {
        return holds;
    }

    /** From now on the context says its lease was taken over. */
    public void loseLease() {
        holds = false;
    }

    public List<String> reports() {
        return List.copyOf(reports);
    }

    public Map<String, String> journal() {
        return Map.copyOf(journal);
    }
}
