package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** Two pools on one real PostgreSQL race for locks. */
class PostgresLockRaceIT extends LockRace {

    private static final String DATABASE = createMigratedDatabase();

    private static String createMigratedDatabase() {
        String name = TestPostgres.shared().createDatabase("lockrace");
        try (HikariDataSource pool = TestPostgres.shared().pool(name)) {
            new RegistrySchema(pool).makeCurrent();
        }
        return name;
    }

    @Override
    protected HikariDataSource openProcessPool() {
        return JdbcConfiguration.dataSource(new JdbcProperties(TestPostgres.shared().jdbcUrl(DATABASE), null, 8), null);
    }
}
