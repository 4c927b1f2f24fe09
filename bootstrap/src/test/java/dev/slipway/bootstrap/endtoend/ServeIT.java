package dev.slipway.bootstrap.endtoend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slipway serve} as operators run it: probes, metrics, a clean stop on SIGTERM, and a port already taken. */
class ServeIT {

    private static final Map<String, String> TOKEN_ENV = Map.of("SLIPWAY_API_TOKEN_CI", "serve-test-token");
    private static final String[] AUTH = {"Authorization", "Bearer serve-test-token", "Content-Type", "application/json"};

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        workspace.configure("""
                slipway:
                  server: { shutdown-grace: 3s }
                  api:
                    tokens:
                      - { actor: ci, env: SLIPWAY_API_TOKEN_CI, roles: [deploy] }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 300, interval: 200ms }
                """.formatted(Workspace.freePortPair()));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void answersItsProbesAndMetricsThenStopsCleanlyOnSigterm() throws Exception {
        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", TOKEN_ENV)) {
            assertThat(server.get("/actuator/health/liveness").body()).contains("\"UP\"");
            assertThat(server.get("/actuator/health/readiness").body()).contains("\"UP\"");
            String metrics = server.get("/actuator/prometheus").body();
            assertThat(metrics).contains("slipway_deployments_queued", "slipway_deployments_active");
            var env = server.get("/actuator/env");
            assertThat(env.statusCode()).as("only health, info and prometheus are exposed").isNotEqualTo(200);
            assertThat(env.body()).doesNotContain("propertySources");

            int exit = server.stop(Duration.ofSeconds(30));

            assertThat(exit).as(server.errors()).isIn(0, 143);
            assertThat(server.errors()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void countsADeploymentByOutcomeAndTimesItInItsMetrics() throws Exception {
        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", TOKEN_ENV)) {
            HttpResponse<String> accepted = server.post("/api/deployments", "{\"environment\": \"dev\"}", AUTH);
            assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 202);

            String metrics = server.awaitBody("/actuator/prometheus", body -> body.contains("slipway_deployments_total{"), Duration.ofSeconds(60));

            assertThat(metrics).containsPattern("slipway_deployments_total\\{[^}]*environment=\"dev\"[^}]*outcome=\"succeeded\"[^}]*} 1.0")
                    .contains("slipway_deployment_duration_seconds_bucket", "slipway_lock_wait_seconds_count");
        }
    }

    @Test
    void aStopThatCannotWaitForARunningDeploymentMarksItInterruptedAndFreesItsLock() throws Exception {
        // The release takes a minute to become healthy: far longer than the server's three seconds of grace.
        workspace.commit("STARTUP_DELAY", "60\n", "Start very slowly");
        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", TOKEN_ENV)) {
            HttpResponse<String> accepted = server.post("/api/deployments", "{\"environment\": \"dev\"}", AUTH);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = accepted.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
            server.awaitBody("/api/deployments/" + id, body -> body.contains("\"status\":\"running\""), Duration.ofSeconds(30), AUTH);

            server.stop(Duration.ofSeconds(60));

            Workspace.Run show = workspace.slipway("ops", "show", id, "--output", "json");
            assertThat(show.out()).as(show.toString()).contains("\"interrupted\"", "the server stopped");
            Workspace.Run lock = workspace.slipway("ops", "lock", "dev", "--reason", "after the stop");
            assertThat(lock.exit()).as("the lock is free at once: " + lock).isZero();
        }
    }

    @Test
    void refusesAPortThatIsTakenWithExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String[] args = {"serve", "--port", Integer.toString(taken.getLocalPort())};
            Workspace.Run run = workspace.finish(workspace.start("ops", TOKEN_ENV, args), args);

            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("port %d is already in use".formatted(taken.getLocalPort())).doesNotContain("\tat ");
        }
    }
}
