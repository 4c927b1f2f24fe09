package dev.slipway.application.fakes;

import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.port.out.AuditLogContract;

/** The in-memory audit log keeps the audit log's contract. */
class InMemoryAuditLogContractTest extends AuditLogContract {

    @Override
    protected AuditLog newAuditLog() {
        return new InMemoryAuditLog();
    }
}
