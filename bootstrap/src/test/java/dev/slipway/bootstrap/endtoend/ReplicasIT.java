package dev.slipway.bootstrap.endtoend;

import dev.slipway.adapter.jdbc.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Two {@code slipway serve} replicas on one real PostgreSQL: a request given to both runs once; a dead replica's deployment is reported by the other. */
class ReplicasIT {

    private static final String TOKEN = "replica-test-token-7f3a";
    private static final Map<String, String> SECRETS = Map.of("SLIPWAY_API_TOKEN_CI", TOKEN);
    private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"};
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{12})\"");

    private Workspace workspace;
    private ServingSlipway first;
    private ServingSlipway second;

    @BeforeEach
    void twoReplicasOnOneDatabase() {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.createDatabase("e2e_replicas_" + System.nanoTime());
        workspace = Workspace.create();
        // The release takes seconds to become healthy, so a deployment is still running when the test acts on it.
        workspace.commit("STARTUP_DELAY", "6\n", "Start slowly");
        workspace.configure("""
                slipway:
                  registry:
                    url: jdbc:postgresql://localhost:%d/%s
                    username: postgres
                  locks: { lease: 3s }
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
                """.formatted(postgres.port(), database, Workspace.freePortPair()));
        first = ServingSlipway.start(workspace, "replica-a", SECRETS);
        second = ServingSlipway.start(workspace, "replica-b", SECRETS);
    }

    @AfterEach
    void stopEverything() {
        if (first != null) first.close();
        if (second != null) second.close();
        if (workspace != null) workspace.close();
    }

    @Test
    void theSameDeployRequestGivenToBothReplicasAtOnceRunsOnce() throws Exception {
        String[] headers = {AUTH[0], AUTH[1], AUTH[2], AUTH[3], "Idempotency-Key", "release-42"};
        var toFirst = CompletableFuture.supplyAsync(() -> post(first, headers));
        var toSecond = CompletableFuture.supplyAsync(() -> post(second, headers));
        List<HttpResponse<String>> answers = List.of(toFirst.get(), toSecond.get());

        // The repeat is answered with the first request's deployment (200) once it exists, or 409 while that request still decides.
        assertThat(answers).as(answers.toString()).extracting(HttpResponse::statusCode).contains(202).allMatch(code -> code == 200 || code == 202 || code == 409);
        String done = second.awaitBody("/api/deployments?environment=dev", body -> body.contains("\"succeeded\""), Duration.ofSeconds(90), AUTH);
        assertThat(ids(done)).as(done).hasSize(1);
        assertThat(ids(first.get("/api/deployments?environment=dev", AUTH).body())).isEqualTo(ids(done));
    }

    @Test
    void aReplicaKilledMidDeploymentLeavesItInterruptedOnTheOtherAndTheLockFree() throws Exception {
        HttpResponse<String> started = post(first, AUTH);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = idOf(started);
        first.awaitBody("/api/deployments/" + id, body -> body.contains("\"running\""), Duration.ofSeconds(30), AUTH);

        first.kill();

        String after = second.awaitBody("/api/deployments/" + id, body -> body.contains("\"interrupted\""), Duration.ofSeconds(30), AUTH);
        assertThat(after).contains("\"status\":\"interrupted\"", "stopped renewing its lock");
        String environments = second.awaitBody("/api/environments", body -> !body.contains("\"lock\":{"), Duration.ofSeconds(15), AUTH);
        assertThat(environments).contains("\"environment\":\"dev\"");
        HttpResponse<String> next = post(second, AUTH);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
        second.awaitBody("/api/deployments/" + idOf(next), body -> body.contains("\"succeeded\""), Duration.ofSeconds(90), AUTH);
    }

    private static HttpResponse<String> post(ServingSlipway server, String... headers) {
        try {
            return server.post("/api/deployments", "{\"environment\": \"dev\"}", headers);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The deployment a 202 started, from its Location header. */
    private static String idOf(HttpResponse<String> accepted) {
        String location = accepted.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + accepted.headers()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static List<String> ids(String json) {
        Matcher m = ID.matcher(json);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) ids.add(m.group(1));
        return ids.stream().distinct().toList();
    }
}
