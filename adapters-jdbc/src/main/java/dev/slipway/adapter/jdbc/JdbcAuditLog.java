package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.AuditLog;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static dev.slipway.adapter.jdbc.Database.instant;
import static dev.slipway.adapter.jdbc.Database.setInstant;

/** The audit log as an append-only table; entries of the same instant keep the order they were recorded in. */
public final class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_entries (recorded_at, actor_id, actor_via, action, subject, outcome, detail, actor_realm)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String RECENT = """
            SELECT recorded_at, actor_id, actor_via, actor_realm, action, subject, outcome, detail FROM audit_entries
            ORDER BY recorded_at DESC, id DESC LIMIT ?""";

    private final Database database;

    public JdbcAuditLog(DataSource dataSource) {
        this(new Database(dataSource, ""));
    }

    JdbcAuditLog(Database database) {
        this.database = database;
    }

    @Override
    public void record(Entry entry) {
        database.autocommit("record an audit entry", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                setInstant(insert, 1, entry.at());
                insert.setString(2, entry.actor().id());
                insert.setString(3, entry.actor().via().name());
                insert.setString(4, entry.action());
                insert.setString(5, entry.subject());
                insert.setString(6, entry.outcome());
                insert.setString(7, entry.detail());
                insert.setString(8, entry.actor().realm());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Entry> recent(int limit) {
        if (limit < 1) return List.of();
        return database.autocommit("read the audit log", connection -> {
            List<Entry> entries = new ArrayList<>(Math.min(limit, 1000));
            try (PreparedStatement select = connection.prepareStatement(RECENT)) {
                select.setInt(1, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(new Entry(instant(row, "recorded_at"), new Actor(row.getString("actor_id"), FrontEnd.valueOf(row.getString("actor_via")), row.getString("actor_realm"), java.util.Set.of()),
                                row.getString("action"), row.getString("subject"), row.getString("outcome"), row.getString("detail")));
                    }
                }
            }
            return entries;
        });
    }
}
