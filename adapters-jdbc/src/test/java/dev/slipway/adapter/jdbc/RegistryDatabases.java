package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Registry databases for tests: a migrated in-memory H2 of one's own, and a way to empty any registry between tests. */
public final class RegistryDatabases {

    private RegistryDatabases() {
    }

    /** A private in-memory H2 database with the registry's schema, alive until the JVM exits. */
    public static HikariDataSource migratedH2() {
        HikariDataSource dataSource = JdbcConfiguration.dataSource(
                JdbcProperties.of("jdbc:h2:mem:registry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null), null);
        new RegistrySchema(dataSource).makeCurrent();
        return dataSource;
    }

    /** Deletes every row of the registry's tables, children first. */
    public static void clear(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"deployment_steps", "release_commits", "deployments", "deployment_locks", "audit_entries"}) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the registry tables: " + e.getMessage(), e);
        }
    }
}
