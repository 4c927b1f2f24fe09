package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition;
import dev.slipway.domain.lock.LockKey;

import java.util.Optional;

/**
 * Another Slipway process, for {@link SharedH2FileIT}: it opens the registry at the URL it is given (first, so
 * that it owns the H2 file and serves it), takes the lock on hello/dev, says READY and waits to be killed.
 */
public final class LockHoldingProcess {

    private LockHoldingProcess() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource registry = JdbcConfiguration.dataSource(JdbcProperties.of(args[0], null), null);
        new RegistrySchema(registry).makeCurrent();
        Acquisition answer = new JdbcDeploymentLocks(registry, new FakeClock())
                .acquire(new LockKey("hello", "dev"), "child-process", "ci", "holding the lock until killed", Optional.empty(), Optional.empty());
        System.out.println("READY " + answer.getClass().getSimpleName());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
