package dev.slipway.bootstrap.endtoend;

import dev.slipway.adapter.jdbc.TestPostgres;
import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Slipway processes deploying the same environment at once against one real PostgreSQL registry. */
class ConcurrentDeploymentIT {

    private Workspace workspace;
    private int port;

    @BeforeEach
    void createWorkspace() {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.createDatabase("e2e_concurrent");
        workspace = Workspace.create();
        port = Workspace.freePortPair();
        // The release takes a few seconds to become healthy, so the first process still holds the lock when the second asks.
        workspace.commit("STARTUP_DELAY", "5\n", "Start slowly");
        workspace.configure("""
                slipway:
                  registry:
                    url: jdbc:postgresql://localhost:%d/%s
                    username: postgres
                  locks: { lease: 3s }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 150, interval: 150ms }
                """.formatted(postgres.port(), database, port));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void runsExactlyOneOfTwoSimultaneousDeploymentsAndRefusesTheOtherNamingItsHolder() {
        Process alice = workspace.start("alice", Map.of(), "deploy", "dev");
        Process bob = workspace.start("bob", Map.of(), "deploy", "dev");
        Run aliceRun = workspace.finish(alice, "deploy", "dev", "(alice)");
        Run bobRun = workspace.finish(bob, "deploy", "dev", "(bob)");

        List<Run> runs = List.of(aliceRun, bobRun);
        assertThat(runs).as(runs.toString()).extracting(Run::exit).containsExactlyInAnyOrder(0, 3);
        Run winner = aliceRun.exit() == 0 ? aliceRun : bobRun;
        Run loser = winner == aliceRun ? bobRun : aliceRun;
        String winnerName = winner == aliceRun ? "alice" : "bob";
        assertThat(loser.all()).as(loser.toString()).contains(winnerName).containsIgnoringCase("lock");
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.0-dev");
        Run history = workspace.slipway("carol", "history", "dev", "--output", "json");
        assertThat(history.out()).as(history.toString()).contains("\"succeeded\"").doesNotContain("0.1.1-dev");
    }
}
