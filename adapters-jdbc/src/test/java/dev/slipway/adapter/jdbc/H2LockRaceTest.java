package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;

import java.util.UUID;

/** Two pools on one H2 database race for locks: the same SQL must hold on the embedded default too. */
class H2LockRaceTest extends LockRace {

    private static final String URL = "jdbc:h2:mem:lockrace-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    static {
        try (HikariDataSource pool = JdbcConfiguration.dataSource(JdbcProperties.of(URL, null), null)) {
            new RegistrySchema(pool).makeCurrent();
        }
    }

    @Override
    protected HikariDataSource openProcessPool() {
        return JdbcConfiguration.dataSource(new JdbcProperties(URL, null, 8), null);
    }
}
