package dev.slipway.application.port.out;

import dev.slipway.application.port.out.AuditLog.Entry;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link AuditLog} must do. A subclass answers an empty log for each test. */
public abstract class AuditLogContract {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456Z");

    private AuditLog log;

    /** An empty audit log, fresh for each test. */
    protected abstract AuditLog newAuditLog();

    @BeforeEach
    void startEmpty() {
        log = newAuditLog();
    }

    @Test
    void keepsEveryFieldOfAnEntry() {
        Entry entry = new Entry(T0, new Actor("U024BE7LH", FrontEnd.SLACK, "T0001", java.util.Set.of()), "deploy", "hello/dev", "succeeded",
                "0.1.30-dev in 42 s; \"quoted\"\nsecond line ✓");

        log.record(entry);

        assertThat(log.recent(10)).containsExactly(entry);
    }

    @Test
    void keepsAnEntryWithoutDetailAsAnEmptyDetail() {
        log.record(new Entry(T0, Actor.SYSTEM, "interrupt", "a1b2c3d4e5f6", "done", null));

        assertThat(log.recent(1)).extracting(Entry::detail).containsExactly("");
    }

    @Test
    void answersTheNewestEntriesFirstUpToTheLimit() {
        List<Entry> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Entry entry = new Entry(T0.plusSeconds(i), Actor.of("alice", FrontEnd.CLI), "lock", "hello/dev", "done", "entry " + i);
            log.record(entry);
            recorded.add(entry);
        }

        assertThat(log.recent(3)).containsExactly(recorded.get(4), recorded.get(3), recorded.get(2));
        assertThat(log.recent(100)).hasSize(5).first().isEqualTo(recorded.get(4));
    }

    @Test
    void answersEntriesOfTheSameInstantLastRecordedFirst() {
        Entry first = new Entry(T0, Actor.of("alice", FrontEnd.SHELL), "lock", "hello/dev", "done", "");
        Entry second = new Entry(T0, Actor.of("alice", FrontEnd.SHELL), "unlock", "hello/dev", "done", "");
        log.record(first);
        log.record(second);

        assertThat(log.recent(2)).containsExactly(second, first);
    }

    @Test
    void answersNothingWhenNothingWasRecorded() {
        assertThat(log.recent(10)).isEmpty();
    }
}
