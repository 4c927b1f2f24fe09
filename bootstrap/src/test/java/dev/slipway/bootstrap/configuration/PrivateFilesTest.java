package dev.slipway.bootstrap.configuration;

import dev.slipway.adapter.jdbc.RegistrySchema;
import dev.slipway.bootstrap.Launch;
import dev.slipway.bootstrap.SlipwayApplication;
import dev.slipway.bootstrap.configuration.CatalogConfiguration.StateDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11, item 9: the state directory and the registry were world-readable. */
class PrivateFilesTest {

    @TempDir
    Path folder;

    @Test
    void theStateDirectoryIsPrivateAndSoAreTheRegistrysFiles() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));
        Path file = Files.writeString(folder.resolve("slipway.yml"), """
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: 18080 }
                """);
        Files.createDirectories(folder.resolve(".slipway"));
        Files.setPosixFilePermissions(folder.resolve(".slipway"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Path state;
        try (ConfigurableApplicationContext context = SlipwayApplication.application(new Launch(file, false, Optional.empty(), List.of())).run()) {
            state = context.getBean(StateDirectory.class).path();
            context.getBean(RegistrySchema.class);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(state)) {
            List<Path> registry = files.filter(f -> f.getFileName().toString().startsWith("registry")).toList();
            assertThat(registry).isNotEmpty().allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
    }
}
