package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.application.port.out.DeploymentRegistryContract;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.StepStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While one process keeps rewriting a deployment's journal, readers in another never see a deployment row from
 * one save with the steps of another: each read is one snapshot.
 */
class PostgresSnapshotReadIT {

    private static final HikariDataSource WRITER = TestPostgres.shared().migratedDatabase("snapshot");
    private static final HikariDataSource READER = JdbcConfiguration.dataSource(
            new JdbcProperties(WRITER.getJdbcUrl(), WRITER.getUsername(), 4), null);

    @AfterAll
    static void close() {
        READER.close();
        WRITER.close();
    }

    @Test
    void readersNeverSeeAJournalHalfSaved() throws Exception {
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        Deployment started = DeploymentRegistryContract.aDeployment("5a5a5a5a5a5a").build().start("host-1", t0);
        Deployment running = started.stepStarted("roll-out", t0.plusSeconds(1));
        Deployment finished = running.stepFinished("roll-out", StepStatus.SUCCEEDED, "done", t0.plusSeconds(2))
                .stepStarted("verify", t0.plusSeconds(3)).stepFinished("verify", StepStatus.SUCCEEDED, "healthy", t0.plusSeconds(4))
                .succeed(t0.plusSeconds(5));
        JdbcDeploymentRegistry writer = new JdbcDeploymentRegistry(WRITER);
        JdbcDeploymentRegistry reader = new JdbcDeploymentRegistry(READER);
        long first = writer.save(running).revision();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> saves = threads.submit(() -> {
                int count = 0;
                long revision = first;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < until) {
                    revision = writer.save((count++ % 2 == 0 ? finished : running).atRevision(revision)).revision();
                }
                stop.set(true);
                return count;
            });
            List<Future<Integer>> reads = List.of(
                    threads.submit(() -> readUntilStopped(() -> reader.find(running.id()).orElseThrow(), stop, torn)),
                    threads.submit(() -> readUntilStopped(() -> reader.history(HistoryQuery.of("hello", "dev", 5)).getFirst(), stop, torn)));

            assertThat(saves.get(30, TimeUnit.SECONDS)).isGreaterThan(10);
            for (Future<Integer> read : reads) assertThat(read.get(30, TimeUnit.SECONDS)).isGreaterThan(10);
            assertThat(torn).as("reads that mixed two saves").isEmpty();
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    private static int readUntilStopped(java.util.function.Supplier<Deployment> read, AtomicBoolean stop, ConcurrentLinkedQueue<String> torn) {
        int count = 0;
        while (!stop.get()) {
            Deployment seen = read.get();
            boolean consistent = seen.status() == Status.SUCCEEDED ? seen.steps().size() == 2 : seen.steps().size() == 1;
            if (!consistent) torn.add(seen.status() + " with " + seen.steps().size() + " steps");
            count++;
        }
        return count;
    }
}
