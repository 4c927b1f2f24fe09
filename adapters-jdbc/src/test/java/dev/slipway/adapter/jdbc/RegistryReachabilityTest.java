package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a server's readiness learns from the registry: reachable, unreachable, or its H2 file gone. */
class RegistryReachabilityTest {

    @TempDir
    Path state;

    @Test
    void anH2FileThatDisappearedUnderARunningProcessIsAProblemThoughItsConnectionsStillWork() throws IOException {
        JdbcProperties properties = JdbcProperties.of("jdbc:h2:file:%s;AUTO_SERVER=TRUE".formatted(state.resolve("registry")), null);
        try (HikariDataSource dataSource = JdbcConfiguration.dataSource(properties, null)) {
            new RegistrySchema(dataSource).makeCurrent();
            RegistryReachability registry = new RegistryReachability(dataSource, properties);
            assertThat(registry.problem()).isEmpty();

            Files.delete(state.resolve("registry.mv.db"));

            assertThat(registry.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("the registry file " + state.resolve("registry.mv.db") + " has disappeared"));
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAProblem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:%d/slipway?connectTimeout=2".formatted(closedPort));

        assertThat(new RegistryReachability(unreachable, JdbcProperties.of("jdbc:postgresql://127.0.0.1:%d/slipway".formatted(closedPort), "slipway")).problem())
                .hasValueSatisfying(problem -> assertThat(problem).contains("cannot be reached"));
    }

    @Test
    void findsTheFileOfAnH2Url() {
        assertThat(RegistryReachability.h2File("jdbc:h2:file:/var/slipway/registry;AUTO_SERVER=TRUE")).contains(Path.of("/var/slipway/registry.mv.db"));
        assertThat(RegistryReachability.h2File("jdbc:h2:mem:test")).isEmpty();
        assertThat(RegistryReachability.h2File("jdbc:postgresql://db/slipway")).isEqualTo(Optional.empty());
    }
}
