package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition.Acquired;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition.HeldByOther;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes on one database, as two separate connection pools with their own locks adapter, race for the same
 * key from many threads released at the same instant. Whatever the interleaving, exactly one contender may win.
 */
abstract class LockRace {

    private static final int CONTENDERS_PER_PROCESS = 8;
    private static final int ROUNDS = 25;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-24T09:00:00.5Z"));
    private HikariDataSource first;
    private HikariDataSource second;
    private ExecutorService threads;

    /** A pool on the shared database, as one process would open it; the database already has the registry's tables. */
    protected abstract HikariDataSource openProcessPool();

    @BeforeEach
    void startTwoProcesses() {
        first = openProcessPool();
        second = openProcessPool();
        RegistryDatabases.clear(first);
        threads = Executors.newFixedThreadPool(2 * CONTENDERS_PER_PROCESS);
    }

    @AfterEach
    void stopThem() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        first.close();
        second.close();
    }

    @Test
    void exactlyOneOfManyContendersInTwoProcessesTakesAFreeLock() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            LockKey key = new LockKey("service-" + round, "dev");

            List<Acquisition> answers = race(key);

            List<Lock> winners = answers.stream().filter(Acquired.class::isInstance).map(a -> ((Acquired) a).lock()).toList();
            assertThat(winners).as("winners of round %d", round).hasSize(1);
            Lock winner = winners.getFirst();
            assertThat(answers).filteredOn(HeldByOther.class::isInstance).extracting(a -> ((HeldByOther) a).lock())
                    .as("what the losers of round %d were told", round).allMatch(winner::equals).hasSize(answers.size() - 1);
            assertThat(new JdbcDeploymentLocks(first, clock).current(key)).contains(winner);
            assertThat(new JdbcDeploymentLocks(second, clock).current(key)).contains(winner);
        }
    }

    @Test
    void exactlyOneOfManyContendersInTwoProcessesTakesOverAnExpiredLease() throws Exception {
        List<Lock> expired = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            LockKey key = new LockKey("service-" + round, "prod");
            Acquisition taken = new JdbcDeploymentLocks(first, clock).acquire(key, "crashed-process", "alice", "deploying", Optional.of(LEASE), Optional.empty());
            expired.add(((Acquired) taken).lock());
        }
        clock.advance(LEASE.plusSeconds(1));

        for (int round = 0; round < ROUNDS; round++) {
            LockKey key = new LockKey("service-" + round, "prod");

            List<Acquisition> answers = race(key);

            List<Acquired> winners = answers.stream().filter(Acquired.class::isInstance).map(Acquired.class::cast).toList();
            assertThat(winners).as("winners of round %d", round).hasSize(1);
            assertThat(winners.getFirst().tookOverExpired()).contains(expired.get(round));
            assertThat(answers).filteredOn(HeldByOther.class::isInstance).extracting(a -> ((HeldByOther) a).lock())
                    .allMatch(winners.getFirst().lock()::equals).hasSize(answers.size() - 1);
            assertThat(new JdbcDeploymentLocks(second, clock).current(key)).contains(winners.getFirst().lock());
        }
    }

    /** Every contender of both processes calls acquire at once; answers what each was told. */
    private List<Acquisition> race(LockKey key) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2 * CONTENDERS_PER_PROCESS);
        List<Future<Acquisition>> futures = new ArrayList<>();
        for (int i = 0; i < 2 * CONTENDERS_PER_PROCESS; i++) {
            HikariDataSource process = i % 2 == 0 ? first : second;
            JdbcDeploymentLocks locks = new JdbcDeploymentLocks(process, clock);
            String holder = (i % 2 == 0 ? "first-" : "second-") + i;
            futures.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return locks.acquire(key, holder, holder, "racing", Optional.of(LEASE), Optional.empty());
            }));
        }
        List<Acquisition> answers = new ArrayList<>();
        for (Future<Acquisition> future : futures) answers.add(future.get(60, TimeUnit.SECONDS));
        return answers;
    }
}
