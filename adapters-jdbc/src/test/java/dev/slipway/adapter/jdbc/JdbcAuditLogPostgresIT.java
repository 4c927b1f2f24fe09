package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.port.out.AuditLogContract;

import javax.sql.DataSource;

/** The JDBC audit log keeps the audit log's contract on a real PostgreSQL 17. */
class JdbcAuditLogPostgresIT extends AuditLogContract {

    private static final DataSource POSTGRES = TestPostgres.shared().migratedDatabase("auditlog");

    @Override
    protected AuditLog newAuditLog() {
        RegistryDatabases.clear(POSTGRES);
        return new JdbcAuditLog(POSTGRES);
    }
}
