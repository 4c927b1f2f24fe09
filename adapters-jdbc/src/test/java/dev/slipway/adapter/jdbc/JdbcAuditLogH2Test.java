package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.port.out.AuditLogContract;

import javax.sql.DataSource;

/** The JDBC audit log keeps the audit log's contract on H2. */
class JdbcAuditLogH2Test extends AuditLogContract {

    private static final DataSource H2 = RegistryDatabases.migratedH2();

    @Override
    protected AuditLog newAuditLog() {
        RegistryDatabases.clear(H2);
        return new JdbcAuditLog(H2);
    }
}
