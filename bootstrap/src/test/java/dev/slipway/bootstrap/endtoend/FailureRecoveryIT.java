package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens when a release or the process deploying it fails, through the real jar and real processes. */
class FailureRecoveryIT {

    private Workspace workspace;
    private int port;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        port = Workspace.freePortPair();
        // Quick health attempts, enough for python to start on a busy machine; a 1s lease lets a killed process's lock lapse soon.
        workspace.configure("""
                slipway:
                  locks: { lease: 1s }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 30, interval: 200ms }
                          rollback: automatic
                """.formatted(port));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void failsWithoutARollbackWhenTheNewReleaseFailsItsHealthCheckAndThePreviousOneKeepsServing() {
        Run first = workspace.slipway("alice", "deploy", "dev");
        assertThat(first.exit()).as(first.toString()).isZero();
        workspace.commit("UNHEALTHY", "this release answers 503 on /health\n", "Break the health check");

        Run broken = workspace.slipway("alice", "deploy", "dev");

        assertThat(broken.exit()).as(broken.toString()).isEqualTo(4);
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.0-dev");
        // The local target health-checks the new release before it switches, so the old one never stopped: nothing
        // changed, which is said as such (not_deployed) and never called a rollback.
        assertThat(broken.out()).as(broken.toString()).contains("failed before anything changed").contains("0.1.0-dev still runs");
        Run history = workspace.slipway("alice", "history", "dev", "--output", "json");
        assertThat(history.out()).as(history.toString()).contains("\"failed\"").contains("0.1.1-dev").doesNotContain("\"rolled_back\"");
    }

    @Test
    void failsAFirstDeploymentWhoseHealthCheckFailsWithoutTouchingTheEnvironment() {
        workspace.commit("UNHEALTHY", "this release answers 503 on /health\n", "Break the health check");

        Run broken = workspace.slipway("alice", "deploy", "dev");

        // The target stopped the failed release, so the environment is as it was (nothing): exit 4, deployment FAILED.
        assertThat(broken.exit()).as(broken.toString()).isEqualTo(4);
        assertThat(broken.all()).as(broken.toString()).contains("503");
        assertThat(Workspace.get(port, "/health")).startsWith("unreachable");
        Run history = workspace.slipway("alice", "history", "dev", "--output", "json");
        assertThat(history.out()).as(history.toString()).contains("\"failed\"").doesNotContain("\"rolled_back\"");
    }

    @Test
    void marksADeploymentInterruptedWhenItsProcessIsKilledAndLetsTheNextOneRun() throws Exception {
        workspace.commit("STARTUP_DELAY", "60\n", "Start slowly");
        workspace.configure(workspaceConfigWithPatientHealthCheck());
        Process deploying = workspace.start("alice", Map.of(), "deploy", "dev");
        awaitStartingRelease(deploying);

        deploying.destroyForcibly().waitFor();
        Thread.sleep(Duration.ofMillis(1500));

        Run status = workspace.slipway("alice", "status", "dev");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).as(status.toString()).contains("was interrupted");
        Run lock = workspace.slipway("alice", "status", "dev", "--output", "json");
        assertThat(lock.out()).as(lock.toString()).doesNotContain("\"holder\"");
        workspace.commit("STARTUP_DELAY", null, "Start at once");
        Run next = workspace.slipway("alice", "deploy", "dev");
        assertThat(next.exit()).as(next.toString()).isZero();
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.1-dev");
    }

    private String workspaceConfigWithPatientHealthCheck() {
        return """
                slipway:
                  locks: { lease: 1s }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 400, interval: 150ms }
                """.formatted(port);
    }

    /** Waits until the release being rolled out listens and answers "starting": the deployment is in the middle of its roll-out. */
    private void awaitStartingRelease(Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (Workspace.get(port, "/health").equals("HTTP 503")) return;
            if (!process.isAlive()) throw new AssertionError("slipway deploy ended before its roll-out: " + workspace.errorsSoFar(process));
            Thread.sleep(100);
        }
        throw new AssertionError("the release did not start within a minute: " + workspace.errorsSoFar(process));
    }
}
