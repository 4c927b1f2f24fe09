package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentLocksContract;

import javax.sql.DataSource;

/** The JDBC locks keep the locks' contract on H2. */
class JdbcDeploymentLocksH2Test extends DeploymentLocksContract {

    private static final DataSource H2 = RegistryDatabases.migratedH2();

    @Override
    protected DeploymentLocks newLocks(Clock clock) {
        RegistryDatabases.clear(H2);
        return new JdbcDeploymentLocks(H2, clock);
    }
}
