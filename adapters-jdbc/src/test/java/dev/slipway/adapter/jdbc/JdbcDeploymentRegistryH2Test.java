package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistryContract;

import javax.sql.DataSource;

/** The JDBC registry keeps the registry's contract on H2. */
class JdbcDeploymentRegistryH2Test extends DeploymentRegistryContract {

    private static final DataSource H2 = RegistryDatabases.migratedH2();

    @Override
    protected DeploymentRegistry newRegistry() {
        RegistryDatabases.clear(H2);
        return new JdbcDeploymentRegistry(H2);
    }
}
