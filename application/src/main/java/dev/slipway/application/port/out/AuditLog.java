package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.Actor;

import java.time.Instant;
import java.util.List;

/** Every command anyone gave: who, through which front end, what, when, and how it ended. */
public interface AuditLog {

    void record(Entry entry);

    /** The newest entries first. */
    List<Entry> recent(int limit);

    /** One command; {@code subject} is what it acted on ({@code hello/dev}, a deployment id), {@code outcome} one word. */
    record Entry(Instant at, Actor actor, String action, String subject, String outcome, String detail) {
        public Entry {
            if (at == null || actor == null || action == null || subject == null || outcome == null) {
                throw new IllegalArgumentException("an audit entry needs its time, actor, action, subject and outcome");
            }
            detail = detail == null ? "" : detail;
        }
    }
}
