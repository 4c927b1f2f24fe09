package dev.slipway.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Issue 11, items 3 and 5, as main answers them: exit 2 and a sentence, before anything serves or hangs. */
class HostileStartupTest {

    /** Generous: only a guard against a hang, not a claim about speed. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Startup startup = new Startup(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

    @TempDir
    Path folder;

    private static final String SERVICE = """
            slipway:
              services:
                hello:
                  repository: hello-service
                  environments:
                    dev: { branch: dev, tag: "{version}-dev", target: { type: local, command: "python3 app.py", port: 18080 } }
            """;

    @Test
    void refusesToServeAFileThatSetsSpringsActuatorOrASecret() throws IOException {
        Path file = write(SERVICE + """
                management:
                  endpoints: { web: { exposure: { include: "*" } } }
                GITHUB_WEBHOOK_SECRET: from-the-file
                """);

        int code = startup.run(new String[] {"--config", file.toString(), "serve", "--port", "0"});

        assertThat(code).isEqualTo(2);
        assertThat(errors()).contains("management: is not a known key; allowed at the top: slipway")
                .contains("GITHUB_WEBHOOK_SECRET: is not a known key").contains("process environment only")
                .doesNotContain("from-the-file").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void answersAnAliasBombWithExitTwoInsteadOfHanging() throws IOException {
        StringBuilder bomb = new StringBuilder(SERVICE).append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) bomb.append("%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n".formatted(c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1));
        Path file = write(bomb.toString());

        int code = assertTimeoutPreemptively(HANG_GUARD, () -> startup.run(new String[] {"--config", file.toString(), "status"}));

        assertThat(code).isEqualTo(2);
        assertThat(errors()).contains("the file").contains("aliases").doesNotContain("Exception");
    }

    @Test
    void answersAHugeValueWithExitTwoInsteadOfReadingIt() throws IOException {
        Path file = write(SERVICE.replace("branch: dev", "branch: \"" + "x".repeat(10 * 1024 * 1024) + "\""));

        int code = assertTimeoutPreemptively(HANG_GUARD, () -> startup.run(new String[] {"--config", file.toString(), "status"}));

        assertThat(code).isEqualTo(2);
        assertThat(errors()).contains("a configuration may be at most 1 MiB");
    }

    private Path write(String yaml) throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));
        return Files.writeString(folder.resolve("slipway.yml"), yaml);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
