package dev.slipway.application.fakes;

import dev.slipway.application.port.out.AuditLog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit log in a list. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(Entry entry) {
        entries.add(entry);
    }

    @Override
    public List<Entry> recent(int limit) {
        List<Entry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }
}
