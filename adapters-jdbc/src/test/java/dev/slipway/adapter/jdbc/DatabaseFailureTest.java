package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseFailureTest {

    private static final String PASSWORD = "hunter2-secret";

    @Test
    void everyAdapterReportsAnUnreachableDatabaseAsARetryableOutsideSystemFailure() throws IOException {
        Database unreachable = new Database(unreachablePostgres(), PASSWORD);

        assertRetryable(() -> new JdbcDeploymentRegistry(unreachable).find(DeploymentId.of("a1b2c3d4e5f6")), "find deployment a1b2c3d4e5f6");
        assertRetryable(() -> new JdbcDeploymentLocks(unreachable, new FakeClock()).current(new LockKey("hello", "dev")), "read the lock on hello/dev");
        assertRetryable(() -> new JdbcAuditLog(unreachable).recent(5), "read the audit log");
    }

    @Test
    void reportsAMissingTableAsAFailureThatRetryingWillNotMend() {
        try (HikariDataSource withoutSchema = JdbcConfiguration.dataSource(
                JdbcProperties.of("jdbc:h2:mem:bare-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null), null)) {

            assertThatThrownBy(() -> new JdbcAuditLog(withoutSchema).record(new AuditLog.Entry(Instant.EPOCH, Actor.SYSTEM, "a", "b", "c", "")))
                    .isInstanceOfSatisfying(OutsideSystemFailure.class, failure -> assertThat(failure.retryable()).isFalse())
                    .hasMessageStartingWith("registry database could not record an audit entry: ");
        }
    }

    @Test
    void scrubsThePasswordShouldADriverEverEchoIt() {
        Database database = new Database(null, PASSWORD);

        OutsideSystemFailure failure = database.failure("connect", new SQLException("login as slipway/" + PASSWORD + " refused", "28P01"));

        assertThat(failure).hasMessage("registry database could not connect: login as slipway/**** refused (SQLState 28P01)");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void countsTransientAndConnectionFailuresAsRetryable() {
        assertThat(Database.isRetryable(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(Database.isRetryable(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(Database.isRetryable(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(Database.isRetryable(new SQLException("Database may be already in use", "90020"))).isTrue();
        // The process serving the embedded file answers this while it shuts down; the next connection takes the file over.
        assertThat(Database.isRetryable(new SQLException("Database is already closed", "90121"))).isTrue();
        assertThat(Database.isRetryable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Database.isRetryable(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(Database.isRetryable(new SQLException("no state"))).isFalse();
    }

    private static void assertRetryable(Runnable call, String action) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(OutsideSystemFailure.class, failure -> {
                    assertThat(failure.system()).isEqualTo("registry database");
                    assertThat(failure.action()).isEqualTo(action);
                    assertThat(failure.retryable()).isTrue();
                })
                .hasMessageNotContaining(PASSWORD);
    }

    private static DataSource unreachablePostgres() throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + RegistrySchemaTest.closedPort() + "/slipway");
        dataSource.setUser("slipway");
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }
}
