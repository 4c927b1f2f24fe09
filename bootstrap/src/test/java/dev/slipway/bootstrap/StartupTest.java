package dev.slipway.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What main answers before any command runs: bad start-up options, and configuration it cannot use. */
class StartupTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Startup startup = new Startup(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

    @TempDir
    Path folder;

    @Test
    void printsItsVersionAndCommitWithoutAnyConfiguration() {
        assertThat(startup.run(new String[] {"--config", folder.resolve("missing.yml").toString(), "--version"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("slipway ").contains("commit ");
    }

    @Test
    void refusesAServeOptionItDoesNotKnowAndABadPort() {
        assertThat(startup.run(new String[] {"serve", "--bind", "0.0.0.0"})).isEqualTo(2);
        assertThat(errors()).contains("unknown option '--bind'").contains("slipway serve --help");
        assertThat(startup.run(new String[] {"serve", "--port", "http"})).isEqualTo(2);
        assertThat(errors()).contains("--port needs a port number");
    }

    @Test
    void refusesToServeSlackWithABadModeOrMissingSecretsNamingThemWithoutAStackTrace() throws IOException {
        Files.createDirectories(folder.resolve("hello-service"));
        Path file = folder.resolve("slipway.yml");
        Files.writeString(file, """
                slipway:
                  slack: { enabled: true, mode: sockets }
                  webhooks: { github: { enabled: true } }
                  api:
                    tokens:
                      - { actor: ci, env: SLIPWAY_TEST_TOKEN_THAT_IS_NOT_SET }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev: { branch: dev, tag: "{version}-dev", target: { type: local, command: "python3 app.py", port: 18080 } }
                """);

        int code = startup.run(new String[] {"--config", file.toString(), "serve", "--port", "0"});

        assertThat(code).isEqualTo(2);
        assertThat(errors()).contains("slipway.slack.mode (line 2, column 27): 'sockets' is not a mode", "slipway.slack.team-id", "SLACK_BOT_TOKEN",
                "GITHUB_WEBHOOK_SECRET", "slipway.api.tokens[0].env", "SLIPWAY_TEST_TOKEN_THAT_IS_NOT_SET").doesNotContain("\tat ");
    }

    @Test
    void explainsServeWithItsEndpointsSecretsAndExitCodes() {
        assertThat(startup.run(new String[] {"serve", "--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("/slack/events", "/api", "/actuator/health/readiness", "SLACK_SIGNING_SECRET", "Exit codes");
    }

    @Test
    void explainsABadConfigurationFileInSentencesWithoutAStackTraceAndExitsWithBadInput() throws IOException {
        Path file = folder.resolve("slipway.yml");
        Files.writeString(file, """
                slipway:
                  locks: { lease: 15s, renew: 5s }
                  services:
                    hello:
                      repository: .
                      environments:
                        dev: { branch: dev, tag: "{version}-dev", target: { type: local, command: "python3 app.py", port: 18080 } }
                """);

        int code = startup.run(new String[] {"--config", file.toString(), "status"});

        assertThat(code).isEqualTo(2);
        assertThat(errors()).contains(file.toString()).contains("slipway.locks.renew").contains("lease").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void answersABadConfigurationFileWithOneJsonDocumentOnStdoutWhenJsonWasAskedFor() throws IOException {
        Path file = folder.resolve("slipway.yml");
        Files.writeString(file, """
                slipway:
                  locks: { lease: 15s, renew: 5s }
                  services:
                    hello:
                      repository: .
                      environments:
                        dev: { branch: dev, tag: "{version}-dev", target: { type: local, command: "python3 app.py", port: 18080 } }
                """);

        int code = startup.run(new String[] {"--config", file.toString(), "status", "--output", "json"});

        assertThat(code).isEqualTo(2);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"outcome\": \"invalid\"").contains("\"exitCode\": 2").contains("slipway.locks.renew");
        assertThat(errors()).contains("slipway.locks.renew");
    }

    @Test
    void refusesTheConfigOptionWithoutAPath() {
        assertThat(startup.run(new String[] {"status", "--config"})).isEqualTo(2);
        assertThat(errors()).contains("--config");
    }

    @Test
    void refusesTheConfigOptionWithoutAPathInJsonWhenJsonWasAskedFor() {
        assertThat(startup.run(new String[] {"status", "--output", "json", "--config"})).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\": \"invalid\"").contains("--config needs the path");
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
