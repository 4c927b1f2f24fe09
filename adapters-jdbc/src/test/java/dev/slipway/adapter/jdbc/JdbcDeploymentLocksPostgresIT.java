package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentLocksContract;

import javax.sql.DataSource;

/** The JDBC locks keep the locks' contract on a real PostgreSQL 17. */
class JdbcDeploymentLocksPostgresIT extends DeploymentLocksContract {

    private static final DataSource POSTGRES = TestPostgres.shared().migratedDatabase("deploymentlocks");

    @Override
    protected DeploymentLocks newLocks(Clock clock) {
        RegistryDatabases.clear(POSTGRES);
        return new JdbcDeploymentLocks(POSTGRES, clock);
    }
}
