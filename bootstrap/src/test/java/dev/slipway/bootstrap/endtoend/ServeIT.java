package dev.slipway.bootstrap.endtoend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slipway serve} as operators run it: probes, metrics, a clean stop on SIGTERM, and a port already taken. */
class ServeIT {

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        workspace.configure("""
                slipway:
                  server: { shutdown-grace: 5s }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                """.formatted(Workspace.freePortPair()));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void answersItsProbesAndMetricsThenStopsCleanlyOnSigterm() throws Exception {
        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", Map.of())) {
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
    void refusesAPortThatIsTakenWithExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Workspace.Run run = workspace.slipway("ops", "serve", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("port %d is already in use".formatted(taken.getLocalPort())).doesNotContain("\tat ");
        }
    }
}
