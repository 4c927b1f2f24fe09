package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.port.out.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;

/**
 * Builds the registry's connection pool, makes its schema current and wires the three JDBC adapters, from
 * {@link JdbcProperties} and the password in {@code SLIPWAY_DB_PASSWORD}. Bootstrap supplies the properties and
 * the application {@link Clock} as beans.
 */
@Configuration(proxyBeanMethods = false)
public class JdbcConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource registryDataSource(JdbcProperties properties) {
        return dataSource(properties, System.getenv(JdbcProperties.PASSWORD_VARIABLE));
    }

    @Bean
    public RegistrySchema registrySchema(HikariDataSource registryDataSource, JdbcProperties properties) {
        RegistrySchema schema = new RegistrySchema(registryDataSource, password());
        schema.makeCurrent(Database.retryWindowFor(properties));
        return schema;
    }

    /** Depends on the schema so that no adapter is handed out before its tables exist. */
    @Bean
    public JdbcDeploymentRegistry deploymentRegistry(HikariDataSource registryDataSource, RegistrySchema registrySchema, JdbcProperties properties) {
        return new JdbcDeploymentRegistry(database(registryDataSource, properties));
    }

    @Bean
    public JdbcDeploymentLocks deploymentLocks(HikariDataSource registryDataSource, RegistrySchema registrySchema, Clock clock, JdbcProperties properties) {
        return new JdbcDeploymentLocks(database(registryDataSource, properties), clock);
    }

    @Bean
    public JdbcAuditLog auditLog(HikariDataSource registryDataSource, RegistrySchema registrySchema, JdbcProperties properties) {
        return new JdbcAuditLog(database(registryDataSource, properties));
    }

    private static Database database(HikariDataSource dataSource, JdbcProperties properties) {
        return new Database(dataSource, password(), Database.retryWindowFor(properties));
    }

    /**
     * A small pool that starts without waiting for the database: the first connection opens in the background
     * while the rest of the application starts, and a command that never touches the registry never waits for it.
     * {@code password} may be null (an H2 file without a password).
     */
    public static HikariDataSource dataSource(JdbcProperties properties, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("slipway-registry");
        config.setJdbcUrl(properties.url());
        if (properties.username() != null) config.setUsername(properties.username());
        config.setPassword(password == null ? "" : password);
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        config.setAutoCommit(true);
        if (properties.isPostgres()) {
            config.addDataSourceProperty("ApplicationName", "slipway");
            // A journal of steps is saved as one multi-row INSERT instead of one round trip per step.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        if (properties.isH2() && properties.url().toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
            // The process that opens the file serves it to the others on this machine; keep that server on
            // loopback rather than on whatever address the host has today (H2 reads this once, on first use).
            if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        return new HikariDataSource(config);
    }

    private static String password() {
        String password = System.getenv(JdbcProperties.PASSWORD_VARIABLE);
        return password == null ? "" : password;
    }
}
