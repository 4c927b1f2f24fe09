package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistryContract;

import javax.sql.DataSource;

/** The JDBC registry keeps the registry's contract on a real PostgreSQL 17. */
class JdbcDeploymentRegistryPostgresIT extends DeploymentRegistryContract {

    private static final DataSource POSTGRES = TestPostgres.shared().migratedDatabase("deploymentregistry");

    @Override
    protected DeploymentRegistry newRegistry() {
        RegistryDatabases.clear(POSTGRES);
        return new JdbcDeploymentRegistry(POSTGRES);
    }
}
