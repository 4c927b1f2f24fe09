package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Several Slipway processes starting at once on an empty PostgreSQL all end up with the schema, migrated once. */
class RegistrySchemaPostgresIT {

    @Test
    void processesStartingTogetherOnAnEmptyDatabaseMigrateItExactlyOnce() throws Exception {
        String database = TestPostgres.shared().createDatabase("schema_race");
        List<HikariDataSource> processes = List.of(TestPostgres.shared().pool(database), TestPostgres.shared().pool(database),
                TestPostgres.shared().pool(database));
        ExecutorService threads = Executors.newFixedThreadPool(processes.size());
        try {
            CyclicBarrier start = new CyclicBarrier(processes.size());
            List<Future<RegistrySchema.Result>> results = processes.stream().map(pool -> threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return new RegistrySchema(pool).makeCurrent();
            })).toList();

            int applied = 0;
            for (Future<RegistrySchema.Result> result : results) {
                RegistrySchema.Result outcome = result.get(120, TimeUnit.SECONDS);
                assertThat(outcome.current()).isEqualTo(RegistrySchema.NEWEST_VERSION);
                applied += outcome.migrationsApplied();
            }
            // Every migration ran once in all, whichever process ran it.
            assertThat(applied).isEqualTo(Integer.parseInt(RegistrySchema.NEWEST_VERSION));
            assertThat(new RegistrySchema(processes.getFirst()).makeCurrent().migrated()).isFalse();
        } finally {
            threads.shutdownNow();
            processes.forEach(HikariDataSource::close);
        }
    }
}
