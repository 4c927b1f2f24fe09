package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.port.out.OutsideSystemFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrySchemaTest {

    private final HikariDataSource empty = JdbcConfiguration.dataSource(
            JdbcProperties.of("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null), null);

    @AfterEach
    void close() {
        empty.close();
    }

    @Test
    void migratesAnEmptyDatabaseAndThenFindsItCurrent() {
        RegistrySchema schema = new RegistrySchema(empty);

        RegistrySchema.Result first = schema.makeCurrent();
        RegistrySchema.Result second = schema.makeCurrent();

        assertThat(first).isEqualTo(new RegistrySchema.Result(Optional.empty(), RegistrySchema.NEWEST_VERSION, 4));
        assertThat(first.migrated()).isTrue();
        assertThat(second).isEqualTo(new RegistrySchema.Result(Optional.of(RegistrySchema.NEWEST_VERSION), RegistrySchema.NEWEST_VERSION, 0));
        assertThat(schema.installedVersion()).contains(RegistrySchema.NEWEST_VERSION);
    }

    @Test
    void leavesFlywayAloneWhenTheSchemaIsCurrent() throws SQLException {
        RegistrySchema schema = new RegistrySchema(empty);
        schema.makeCurrent();
        // Were Flyway to run, its validation would refuse this history: the checksum no longer matches the file.
        try (Connection connection = empty.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42");
        }

        assertThat(schema.makeCurrent().migrated()).isFalse();
    }

    @Test
    void knowsTheNewestMigrationItShips() throws IOException, URISyntaxException {
        Path folder = Path.of(RegistrySchema.class.getResource("/db/migration/slipway").toURI());
        Pattern name = Pattern.compile("V([0-9._]+)__.+\\.sql");
        List<String> versions;
        try (Stream<Path> files = Files.list(folder)) {
            versions = files.map(f -> name.matcher(f.getFileName().toString())).filter(Matcher::matches).map(m -> m.group(1)).toList();
        }

        String newest = versions.stream().reduce((a, b) -> RegistrySchema.compare(a, b) >= 0 ? a : b).orElseThrow();

        assertThat(newest).isEqualTo(RegistrySchema.NEWEST_VERSION);
    }

    @Test
    void comparesVersionsPartByPartAsNumbers() {
        assertThat(RegistrySchema.compare("1.10", "1.9")).isPositive();
        assertThat(RegistrySchema.compare("2", "1.5")).isPositive();
        assertThat(RegistrySchema.compare("1", "1.0")).isZero();
        assertThat(RegistrySchema.compare("1.2", "1.2.1")).isNegative();
    }

    @Test
    void reportsADatabaseItCannotReachAsARetryableFailureWithoutThePassword() throws IOException {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:" + closedPort() + "/slipway");
        unreachable.setUser("slipway");
        unreachable.setPassword("hunter2-secret");

        assertThatThrownBy(() -> new RegistrySchema(unreachable, "hunter2-secret").makeCurrent())
                .isInstanceOfSatisfying(OutsideSystemFailure.class, failure -> {
                    assertThat(failure.system()).isEqualTo("registry database");
                    assertThat(failure.action()).isEqualTo("migrate the registry schema");
                    assertThat(failure.retryable()).isTrue();
                })
                .hasMessageNotContaining("hunter2-secret");
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
