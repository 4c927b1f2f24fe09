package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.OutsideSystemFailure;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * The registry database as the adapters use it: connections in autocommit or in one transaction, timestamps in
 * and out, and every {@link SQLException} turned into an {@link OutsideSystemFailure} that holds no secret.
 */
final class Database {

    static final String SYSTEM = "registry database";

    /** SQLState classes after which the same statement may well succeed: connection, rollback, resources, operator. */
    private static final Set<String> RETRYABLE_CLASSES = Set.of("08", "40", "53", "57");
    /**
     * H2's "database in use by another process", "connection is broken", "database is closed", "database is already
     * closed" (what a process serving the embedded file answers while it shuts down: the next connection takes the file
     * over) and "lock timeout", and PostgreSQL's "lock not available".
     */
    private static final Set<String> RETRYABLE_STATES = Set.of("90020", "90067", "90098", "90121", "HYT00", "55P03");

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final String secret;
    private final Duration retryWithin;
    /** Whether the database is PostgreSQL; learnt from the first connection. */
    private volatile Boolean postgres;

    /** {@code secret} is the password, scrubbed from every message should a driver ever echo it; may be empty. */
    Database(DataSource dataSource, String secret) {
        this(dataSource, secret, Duration.ZERO);
    }

    /**
     * {@code retryWithin}: how long work that failed with a transient error (a connection refused or broken, a lock
     * timeout) is tried again, with growing pauses, before the failure is reported. The embedded H2 registry needs it:
     * its file is served by whichever process opened it first, and when that process ends (a CLI call that was refused
     * a second later) every other process's connection breaks and one of them takes the file over. Zero for PostgreSQL,
     * whose outages the step engine waits out within a deployment's deadline instead.
     */
    Database(DataSource dataSource, String secret, Duration retryWithin) {
        this.dataSource = dataSource;
        this.secret = secret == null ? "" : secret;
        this.retryWithin = retryWithin == null ? Duration.ZERO : retryWithin;
    }

    /** How an embedded H2 file is used: retried for this long. */
    static Duration retryWindowFor(JdbcProperties properties) {
        return properties.isH2() && !properties.url().toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:h2:mem:") ? Duration.ofSeconds(120) : Duration.ZERO;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Work done on one connection in autocommit: each statement is its own transaction. */
    <T> T autocommit(String action, Work<T> work) {
        return retrying(action, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.on(connection);
            }
        });
    }

    /** Work done in one READ COMMITTED transaction, committed when it returns and rolled back when it throws. */
    <T> T transaction(String action, Work<T> work) {
        return retrying(action, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return inTransaction(connection, work);
            }
        });
    }

    /** Runs {@code attempt}, again after a transient failure while the retry window lasts; every failure named for people. */
    private <T> T retrying(String action, Attempt<T> attempt) {
        long giveUpAt = System.nanoTime() + retryWithin.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (!isRetryable(e) || System.nanoTime() + pause.toNanos() - giveUpAt > 0) throw failure(action, e);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure(action, e);
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Read-only work that sees one snapshot of the database across all its queries. PostgreSQL gets the isolation
     * level for this transaction only, in the same round trip as the first query; H2 (embedded, so a method call
     * rather than a round trip) gets it on the connection and has it set back afterwards.
     */
    <T> T snapshot(String action, Work<T> work) {
        return retrying(action, () -> snapshotOnce(work));
    }

    private <T> T snapshotOnce(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!isPostgres(connection)) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    return inTransaction(connection, work);
                } finally {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
            }
            return inTransaction(connection, inside -> {
                try (Statement statement = inside.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                return work.on(inside);
            });
        }
    }

    boolean isPostgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            postgres = known;
        }
        return known;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.on(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    OutsideSystemFailure failure(String action, SQLException e) {
        return new OutsideSystemFailure(SYSTEM, action, isRetryable(e), describe(e), e);
    }

    private String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getSQLState() != null) message = message + " (SQLState " + e.getSQLState() + ")";
        return secret.isEmpty() ? message : message.replace(secret, "****");
    }

    static boolean isRetryable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) return true;
        String state = e.getSQLState();
        if (state == null) return false;
        if (RETRYABLE_STATES.contains(state)) return true;
        return state.length() >= 2 && RETRYABLE_CLASSES.contains(state.substring(0, 2));
    }

    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    // ---- values in and out ----

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        setInstant(statement, index, value.orElse(null));
    }

    static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(instant(row, column));
    }

    static Optional<String> optionalText(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    /** What one adapter method does with a connection. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }
}
