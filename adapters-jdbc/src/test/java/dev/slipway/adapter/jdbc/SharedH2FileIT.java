package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition.Acquired;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition.HeldByOther;
import dev.slipway.application.port.out.DeploymentRegistryContract;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default registry, an H2 file opened with AUTO_SERVER, shared by two real processes on this machine: the
 * second one reads and writes through the first, and once the first is killed with SIGKILL the file is still
 * whole and the survivor (and any process started afterwards) carries on with it.
 */
class SharedH2FileIT {

    private static final LockKey HELLO_DEV = new LockKey("hello", "dev");

    @TempDir
    Path workingDirectory;

    private Process child;

    @AfterEach
    void killTheChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoProcessesShareTheFileAndItSurvivesKillMinusNineOfTheOneServingIt() throws Exception {
        // Written the way bootstrap writes it for its state directory; JdbcProperties adds what durability needs.
        String url = "jdbc:h2:file:%s;AUTO_SERVER=TRUE".formatted(workingDirectory.resolve(".slipway/registry"));
        child = startLockHoldingProcess(url);
        FakeClock clock = new FakeClock();
        Deployment unsaved = DeploymentRegistryContract.everyFieldSet("a1b2c3d4e5f6");
        Deployment deployment;

        try (HikariDataSource survivor = JdbcConfiguration.dataSource(JdbcProperties.of(url, null), null)) {
            JdbcDeploymentLocks locks = new JdbcDeploymentLocks(survivor, clock);
            JdbcDeploymentRegistry registry = new JdbcDeploymentRegistry(survivor);
            assertThat(locks.current(HELLO_DEV)).map(Lock::holder).contains("child-process");
            assertThat(locks.acquire(HELLO_DEV, "survivor", "bob", "deploying", Optional.of(Duration.ofMinutes(2)), Optional.empty()))
                    .isInstanceOf(HeldByOther.class);
            deployment = registry.save(unsaved);

            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);

            assertThat(eventually(() -> locks.current(HELLO_DEV))).map(Lock::holder).contains("child-process");
            assertThat(registry.find(deployment.id())).contains(deployment);
            assertThat(locks.breakLock(HELLO_DEV)).map(Lock::holder).contains("child-process");
            assertThat(locks.acquire(HELLO_DEV, "survivor", "bob", "deploying", Optional.of(Duration.ofMinutes(2)), Optional.empty()))
                    .isInstanceOf(Acquired.class);
        }

        try (HikariDataSource later = JdbcConfiguration.dataSource(JdbcProperties.of(url, null), null)) {
            assertThat(eventually(() -> new JdbcDeploymentLocks(later, clock).current(HELLO_DEV))).map(Lock::holder).contains("survivor");
            assertThat(new JdbcDeploymentRegistry(later).find(deployment.id())).contains(deployment);
        }
    }

    private static Process startLockHoldingProcess(String url) throws IOException, InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, LockHoldingProcess.class.getName(), url)
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith("READY")) return line;
                    seen.append(line).append('\n');
                }
                return "exited: " + seen;
            } catch (IOException e) {
                return "unreadable: " + e.getMessage();
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(ready).as("what the lock-holding process said").isEqualTo("READY Acquired");
        return process;
    }

    /** The first answer once the survivor has reconnected: H2 takes the file over after its server process died. */
    private static <T> T eventually(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.get();
            } catch (OutsideSystemFailure e) {
                if (!e.retryable() || System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }
}
