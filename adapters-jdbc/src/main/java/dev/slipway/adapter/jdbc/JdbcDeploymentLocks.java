package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.slipway.adapter.jdbc.Database.instant;
import static dev.slipway.adapter.jdbc.Database.optionalInstant;
import static dev.slipway.adapter.jdbc.Database.optionalText;
import static dev.slipway.adapter.jdbc.Database.setInstant;
import static dev.slipway.adapter.jdbc.Database.setText;

/**
 * Deployment locks as rows keyed by service and environment, shared by every process on the database. Taking a
 * lock is an INSERT that the primary key lets only one process win; taking over an expired lease is a
 * compare-and-set UPDATE that names the lease it replaces, so two processes can never both hold a key. Every
 * statement runs in autocommit: no transaction is held open between a read and the write that depends on it. Each
 * acquisition draws its fencing token from a database sequence, so tokens grow across every process.
 */
public final class JdbcDeploymentLocks implements DeploymentLocks {

    /** Rounds of insert-or-take-over before giving up on a key that other processes keep changing under us. */
    private static final int ATTEMPTS = 8;

    private static final String COLUMNS = "service, environment, holder, actor, reason, acquired_at, expires_at, deployment_id, fencing_token";
    /**
     * Inserts only when no row is there, so that asking for a held lock (the usual case) is not an error in the
     * database's log; two inserts racing past the NOT EXISTS still meet the primary key, and one of them fails.
     */
    private static final String INSERT = "INSERT INTO deployment_locks (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM deployment_locks WHERE service = ? AND environment = ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM deployment_locks WHERE service = ? AND environment = ?";
    private static final String TAKE_OVER = """
            UPDATE deployment_locks SET holder = ?, actor = ?, reason = ?, acquired_at = ?, expires_at = ?, deployment_id = ?, fencing_token = ?
            WHERE service = ? AND environment = ? AND holder = ? AND acquired_at = ? AND expires_at = ?
              AND expires_at IS NOT NULL AND expires_at <= ?""";
    private static final String RENEW = """
            UPDATE deployment_locks SET expires_at = ?
            WHERE service = ? AND environment = ? AND holder = ? AND expires_at IS NOT NULL""";
    private static final String RELEASE = "DELETE FROM deployment_locks WHERE service = ? AND environment = ? AND holder = ?";
    private static final String BREAK_LEASE = "DELETE FROM deployment_locks WHERE service = ? AND environment = ? AND holder = ? AND acquired_at = ? AND expires_at = ?";
    private static final String BREAK_MANUAL = "DELETE FROM deployment_locks WHERE service = ? AND environment = ? AND holder = ? AND acquired_at = ? AND expires_at IS NULL";

    private final Database database;
    private final Clock clock;

    public JdbcDeploymentLocks(DataSource dataSource, Clock clock) {
        this(new Database(dataSource, ""), clock);
    }

    JdbcDeploymentLocks(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Acquisition acquire(LockKey key, String holder, String actor, String reason, Optional<Duration> lease, Optional<String> deployment) {
        return database.autocommit("lock " + key, connection -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Instant now = now();
                Lock wanted = new Lock(key, holder, actor, reason, now, lease.map(d -> micros(now.plus(d))), deployment, nextToken(connection));
                if (insert(connection, wanted)) return new Acquisition.Acquired(wanted, Optional.empty());
                Optional<Lock> existing = select(connection, key);
                if (existing.isEmpty()) continue;
                Lock current = existing.get();
                if (!current.isExpiredAt(now)) {
                    // Ours already: an earlier attempt inserted it and its answer was lost with its connection.
                    return current.isFor(holder, deployment) ? new Acquisition.Acquired(current, Optional.empty()) : new Acquisition.HeldByOther(current);
                }
                if (takeOver(connection, current, wanted)) return new Acquisition.Acquired(wanted, Optional.of(current));
            }
            Optional<Lock> current = select(connection, key);
            if (current.isPresent()) return new Acquisition.HeldByOther(current.get());
            throw new OutsideSystemFailure(Database.SYSTEM, "lock " + key, true,
                    "the lock kept changing hands during %d attempts; try again".formatted(ATTEMPTS));
        });
    }

    @Override
    public boolean renew(LockKey key, String holder, Duration lease) {
        return database.autocommit("renew the lock on " + key, connection -> {
            try (PreparedStatement renew = connection.prepareStatement(RENEW)) {
                setInstant(renew, 1, micros(now().plus(lease)));
                renew.setString(2, key.service());
                renew.setString(3, key.environment());
                renew.setString(4, holder);
                return renew.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(LockKey key, String holder) {
        return database.autocommit("release the lock on " + key, connection -> {
            try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
                release.setString(1, key.service());
                release.setString(2, key.environment());
                release.setString(3, holder);
                return release.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Lock> breakLock(LockKey key) {
        return database.autocommit("break the lock on " + key, connection -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Optional<Lock> existing = select(connection, key);
                if (existing.isEmpty()) return Optional.<Lock>empty();
                Lock lock = existing.get();
                // Deletes exactly the lock we read, so that the answer names the lock that was really removed.
                try (PreparedStatement delete = connection.prepareStatement(lock.isManual() ? BREAK_MANUAL : BREAK_LEASE)) {
                    delete.setString(1, key.service());
                    delete.setString(2, key.environment());
                    delete.setString(3, lock.holder());
                    setInstant(delete, 4, lock.acquiredAt());
                    if (!lock.isManual()) setInstant(delete, 5, lock.expiresAt());
                    if (delete.executeUpdate() == 1) return existing;
                }
            }
            throw new OutsideSystemFailure(Database.SYSTEM, "break the lock on " + key, true,
                    "the lock kept changing hands during %d attempts; try again".formatted(ATTEMPTS));
        });
    }

    @Override
    public Optional<Lock> current(LockKey key) {
        return database.autocommit("read the lock on " + key, connection -> select(connection, key));
    }

    @Override
    public List<Lock> all() {
        return database.autocommit("list locks", connection -> {
            List<Lock> locks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM deployment_locks ORDER BY service, environment");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) locks.add(lock(rows));
            }
            return locks;
        });
    }

    /** The database keeps microseconds; reading the clock at that precision makes what we answer equal what we stored. */
    private Instant now() {
        return micros(clock.now());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean insert(Connection connection, Lock lock) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, lock.key().service());
            insert.setString(2, lock.key().environment());
            insert.setString(3, lock.holder());
            insert.setString(4, lock.actor());
            insert.setString(5, lock.reason());
            setInstant(insert, 6, lock.acquiredAt());
            setInstant(insert, 7, lock.expiresAt());
            setText(insert, 8, lock.deployment());
            insert.setLong(9, lock.fencingToken());
            insert.setString(10, lock.key().service());
            insert.setString(11, lock.key().environment());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) return false;
            throw e;
        }
    }

    /** Replaces {@code expired} with {@code wanted} only if the row still is that lease and it has run out. */
    private static boolean takeOver(Connection connection, Lock expired, Lock wanted) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(TAKE_OVER)) {
            update.setString(1, wanted.holder());
            update.setString(2, wanted.actor());
            update.setString(3, wanted.reason());
            setInstant(update, 4, wanted.acquiredAt());
            setInstant(update, 5, wanted.expiresAt());
            setText(update, 6, wanted.deployment());
            update.setLong(7, wanted.fencingToken());
            update.setString(8, expired.key().service());
            update.setString(9, expired.key().environment());
            update.setString(10, expired.holder());
            setInstant(update, 11, expired.acquiredAt());
            setInstant(update, 12, expired.expiresAt());
            setInstant(update, 13, wanted.acquiredAt());
            return update.executeUpdate() == 1;
        }
    }

    /** The next fencing token: a database sequence, which never hands out a value twice, whatever rolls back. */
    private long nextToken(Connection connection) throws SQLException {
        String sql = database.isPostgres(connection) ? "SELECT nextval('lock_fencing_tokens')" : "SELECT NEXT VALUE FOR lock_fencing_tokens";
        try (PreparedStatement next = connection.prepareStatement(sql); ResultSet value = next.executeQuery()) {
            value.next();
            return value.getLong(1);
        }
    }

    private static Optional<Lock> select(Connection connection, LockKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key.service());
            select.setString(2, key.environment());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(lock(row)) : Optional.empty();
            }
        }
    }

    private static Lock lock(ResultSet row) throws SQLException {
        return new Lock(new LockKey(row.getString("service"), row.getString("environment")), row.getString("holder"), row.getString("actor"),
                row.getString("reason"), instant(row, "acquired_at"), optionalInstant(row, "expires_at"), optionalText(row, "deployment_id"),
                row.getLong("fencing_token"));
    }
}
