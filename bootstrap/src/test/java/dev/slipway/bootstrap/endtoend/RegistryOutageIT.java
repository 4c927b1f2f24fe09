package dev.slipway.bootstrap.endtoend;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's PostgreSQL stops for about twelve seconds while a deployment verifies, then starts again on the same
 * port and data: {@code serve}'s readiness answers DOWN meanwhile and UP after, the deployment ends by its own rules and
 * that end is recorded once the database is back, the lock is free, and {@code serve} never exits.
 * <p>
 * The server is this test's own (the shared one stays up for the other tests of the JVM), stopped and started for real
 * with the {@code pg_ctl} zonky unpacked, run the way zonky runs it ({@code unshare -U} when the JVM is root).
 */
class RegistryOutageIT {

    private static final String TOKEN = "outage-test-token-51c8";
    private static final Map<String, String> SECRETS = Map.of("SLIPWAY_API_TOKEN_CI", TOKEN);
    private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"};
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    private EmbeddedPostgres postgres;
    private Path postgresLog;
    private Workspace workspace;
    private ServingSlipway server;

    @BeforeEach
    void serveOnItsOwnDatabase() throws Exception {
        postgresLog = Files.createTempFile("slipway-outage-postgres-", ".log");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(postgresLog.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(postgresLog.toFile()))
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE outage");
        }
        workspace = Workspace.create();
        // The release takes seconds to become healthy, so the outage begins while the roll-out waits for its health check.
        // The lease outlasts the outage, so the run is still the lock's holder when the database comes back.
        workspace.commit("STARTUP_DELAY", "5\n", "Start slowly");
        workspace.configure("""
                slipway:
                  registry:
                    url: jdbc:postgresql://localhost:%d/outage
                    username: postgres
                  locks: { lease: 30s }
                  server: { shutdown-grace: 1s }
                  api:
                    tokens:
                      - { actor: ci, env: SLIPWAY_API_TOKEN_CI, roles: [deploy, rollback, lock] }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 150, interval: 150ms }
                """.formatted(postgres.getPort(), Workspace.freePortPair()));
        server = ServingSlipway.start(workspace, "outage", SECRETS);
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (server != null) server.close();
        if (workspace != null) workspace.close();
        if (postgres != null) postgres.close();
    }

    @Test
    void aDeploymentThroughADatabaseOutageEndsByItsRulesAndIsRecordedOnceTheDatabaseIsBack() throws Exception {
        HttpResponse<String> started = server.post("/api/deployments", "{\"environment\": \"dev\"}", AUTH);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + started.headers()));
        String path = location.substring(location.indexOf("/api/"));
        server.awaitBody(path, body -> body.contains("\"name\":\"roll-out\",\"status\":\"running\""), Duration.ofSeconds(60), AUTH);

        Instant stopped = Instant.now();
        pgCtl("stop", "-m", "fast");
        int whileAway = awaitReadiness(503, Duration.ofSeconds(OUTAGE.toSeconds() - 2));
        assertThat(whileAway).as("readiness while PostgreSQL is stopped").isEqualTo(503);
        assertThat(server.process().isAlive()).as("serve while the database is away: " + server.errors()).isTrue();
        // The outage lasts its twelve seconds whatever the test saw, as an operator's restart would.
        waitUntil(stopped.plus(OUTAGE));
        pgCtl("start", "-w", "-t", "60", "-l", postgresLog.toString(), "-o", "-p " + postgres.getPort() + " -F -c fsync=off");
        System.out.printf("RegistryOutageIT: PostgreSQL was stopped for %d ms%n", Duration.between(stopped, Instant.now()).toMillis());

        assertThat(awaitReadiness(200, Duration.ofSeconds(30))).as("readiness once PostgreSQL is back").isEqualTo(200);
        String done = server.awaitBody(path, body -> !body.contains("\"status\":\"running\"") && !body.contains("\"status\":\"planned\""),
                Duration.ofSeconds(120), AUTH);
        assertThat(done).as(done).contains("\"status\":\"succeeded\"", "\"name\":\"record\",\"status\":\"succeeded\"")
                .doesNotContain("\"status\":\"interrupted\"", "\"status\":\"failed\"");
        String environments = server.awaitBody("/api/environments", body -> !body.contains("\"lock\":{"), Duration.ofSeconds(30), AUTH);
        assertThat(environments).contains("\"environment\":\"dev\"");
        assertThat(server.process().isAlive()).as("serve after the outage: " + server.errors()).isTrue();
        // The lock is free: the next deployment gets past it and is refused only because the recorded release already runs.
        HttpResponse<String> again = server.post("/api/deployments", "{\"environment\": \"dev\"}", AUTH);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("\"rule\":\"nothing-new\"", "runs 0.1.0-dev");
    }

    /** Polls readiness until it answers {@code status}; answers the last status seen (or -1 if none answered). */
    private int awaitReadiness(int status, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = server.get("/actuator/health/readiness").statusCode();
                if (last == status) return last;
            } catch (IOException e) {
                last = -1;
            }
            Thread.sleep(200);
        }
        return last;
    }

    private static void waitUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) Thread.sleep(millis);
    }

    /** Runs zonky's {@code pg_ctl} on this test's data directory, as zonky runs it. */
    private void pgCtl(String... args) throws Exception {
        File pgDir = (File) field("pgDir");
        File data = (File) field("dataDirectory");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) command.addAll(List.of("unshare", "-U"));
        command.add(new File(pgDir, "bin/pg_ctl").getPath());
        command.addAll(List.of("-D", data.getPath()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("slipway-pg-ctl-", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pg_ctl %s did not finish: %s".formatted(String.join(" ", args), Files.readString(out, StandardCharsets.UTF_8)));
        }
        assertThat(process.exitValue()).as("pg_ctl %s: %s".formatted(String.join(" ", args), Files.readString(out, StandardCharsets.UTF_8))).isZero();
    }

    private Object field(String name) throws ReflectiveOperationException {
        var field = EmbeddedPostgres.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(postgres);
    }
}
