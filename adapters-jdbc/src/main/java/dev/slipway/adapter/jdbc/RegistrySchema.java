package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.OutsideSystemFailure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;

/**
 * The registry's tables, brought up to date by Flyway only when they are behind. A CLI call such as
 * {@code slipway status} starts many times a day, so the usual case costs one query on Flyway's history table;
 * Flyway itself (which scans the classpath and validates every migration) runs only when a migration is missing.
 */
public final class RegistrySchema {

    /** Where the migrations live on the classpath. */
    public static final String LOCATION = "classpath:db/migration/slipway";

    /** The version of the newest migration under {@link #LOCATION}; a test keeps it equal to the files. */
    public static final String NEWEST_VERSION = "4";

    private static final String INSTALLED = "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL";

    private final DataSource dataSource;
    private final String secret;

    public RegistrySchema(DataSource dataSource) {
        this(dataSource, "");
    }

    /** {@code secret} is the database password, scrubbed from failure messages; may be empty. */
    RegistrySchema(DataSource dataSource, String secret) {
        this.dataSource = dataSource;
        this.secret = secret == null ? "" : secret;
    }

    /** What {@link #makeCurrent()} found and did. {@code found} is empty on a database that had no registry yet. */
    public record Result(Optional<String> found, String current, int migrationsApplied) {
        public boolean migrated() {
            return migrationsApplied > 0;
        }
    }

    /**
     * As {@link #makeCurrent()}, tried again after a transient failure (another process migrating at the same moment
     * holds Flyway's lock, the embedded file changes hands) for up to {@code retryWithin}.
     */
    public Result makeCurrent(java.time.Duration retryWithin) {
        long giveUpAt = System.nanoTime() + retryWithin.toNanos();
        long pauseMillis = 50;
        while (true) {
            try {
                return makeCurrent();
            } catch (OutsideSystemFailure e) {
                if (!e.retryable() || System.nanoTime() + pauseMillis * 1_000_000 - giveUpAt > 0) throw e;
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(1000, pauseMillis * 2);
            }
        }
    }

    /** Applies the migrations the database lacks, if any; safe to call from several processes at once. */
    public Result makeCurrent() {
        Optional<String> installed = installedVersion();
        if (installed.isPresent() && compare(installed.get(), NEWEST_VERSION) >= 0) {
            return new Result(installed, installed.get(), 0);
        }
        try {
            MigrateResult result = Flyway.configure(RegistrySchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            String current = result.targetSchemaVersion != null ? result.targetSchemaVersion : installedVersion().orElse(NEWEST_VERSION);
            return new Result(installed, current, result.migrationsExecuted);
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new OutsideSystemFailure(Database.SYSTEM, "migrate the registry schema", retryable(e),
                    secret.isEmpty() ? message : message.replace(secret, "****"), e);
        }
    }

    /**
     * The newest migration applied to the database; empty when Flyway's history table is not there (or cannot be
     * read, in which case Flyway will report why when it runs).
     */
    public Optional<String> installedVersion() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(INSTALLED)) {
            String newest = null;
            while (rows.next()) {
                String version = rows.getString(1);
                if (newest == null || compare(version, newest) > 0) newest = version;
            }
            return Optional.ofNullable(newest);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** A migration that failed in the database is not retryable; a database that could not be reached may be. */
    private static boolean retryable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) return Database.isRetryable(sql);
        }
        return false;
    }

    /** Compares Flyway versions part by part as numbers, so that 1.10 comes after 1.9. */
    static int compare(String left, String right) {
        long[] a = parts(left);
        long[] b = parts(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) return Long.compare(x, y);
        }
        return 0;
    }

    private static long[] parts(String version) {
        return Arrays.stream(version.split("[._]")).mapToLong(Long::parseLong).toArray();
    }
}
