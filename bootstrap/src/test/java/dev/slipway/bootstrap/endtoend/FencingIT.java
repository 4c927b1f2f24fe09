package dev.slipway.bootstrap.endtoend;

import dev.slipway.adapter.jdbc.TestPostgres;
import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy paused (SIGSTOP) during its roll-out past its lock's lease, as a long GC pause or a suspended VM would pause
 * it: another deploy takes the lock over and succeeds; woken (SIGCONT), the paused process writes nothing, neither to
 * the registry nor to the local target's run state, and ends saying it lost the lock. Nothing is left running that
 * Slipway does not track, and the next deploys succeed. On PostgreSQL, and on the embedded default while another
 * process (here a {@code slipway serve}) serves its H2 file: a paused process that serves the file itself pauses the
 * registry for everyone until it wakes (the README says so), which no fencing can undo.
 */
class FencingIT {

    private static final Pattern DEPLOYMENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{12})\"");
    private static final String ENVIRONMENTS = """
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
            """;

    private Workspace workspace;
    private int port;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        port = Workspace.freePortPair();
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void onPostgresqlAPausedDeployWritesNothingWhenItWakesAndSaysItLostTheLock() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.createDatabase("e2e_fencing_" + System.nanoTime());
        workspace.configure("""
                slipway:
                  registry:
                    url: jdbc:postgresql://localhost:%d/%s
                    username: postgres
                """.formatted(postgres.port(), database) + ENVIRONMENTS.formatted(port));

        aDeployPausedPastItsLeaseWritesNothingWhenItWakes(() -> {});
    }

    @Test
    void onTheEmbeddedDefaultServedByAnotherProcessAPausedDeployWritesNothingWhenItWakesAndSaysItLostTheLock() throws Exception {
        workspace.configure("slipway:\n" + ENVIRONMENTS.formatted(port));
        // The first process to open the H2 file serves it to the others: a server started first keeps that job.
        ServingSlipway server = ServingSlipway.start(workspace, "ops", Map.of());

        aDeployPausedPastItsLeaseWritesNothingWhenItWakes(() -> assertThat(server.stop(Duration.ofSeconds(30))).as(server.errors()).isIn(0, 143));
    }

    /** The scenario; {@code beforeCountingProcesses} ends whatever else the test started in the workspace. */
    private void aDeployPausedPastItsLeaseWritesNothingWhenItWakes(ThrowingRunnable beforeCountingProcesses) throws Exception {
        Run first = workspace.slipway("alice", "deploy", "dev");
        assertThat(first.exit()).as(first.toString()).isZero();
        workspace.commit("STARTUP_DELAY", "60\n", "Start slowly");
        Process paused = workspace.start("alice", Map.of(), "deploy", "dev", "--output", "json");
        awaitStartingReleaseOnTheOtherPort(paused);

        signal("STOP", paused);
        workspace.commit("STARTUP_DELAY", null, "Start at once");
        Run takeover = workspace.slipway("bob", "deploy", "dev", "--lock-wait", "1m");
        signal("CONT", paused);
        Run woken = workspace.finish(paused, "deploy", "dev", "--output", "json");

        assertThat(takeover.exit()).as(takeover.toString()).isZero();
        assertThat(woken.exit()).as(woken.toString()).isEqualTo(5);
        assertThat(woken.out()).as(woken.toString()).contains("lost its lock on hello/dev").contains("wrote nothing more");
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.2-dev");
        Run status = workspace.slipway("carol", "status", "dev");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).as(status.toString()).contains("0.1.2-dev").doesNotContain("down");
        Matcher id = DEPLOYMENT_ID.matcher(woken.out());
        assertThat(id.find()).as(woken.toString()).isTrue();
        Run shown = workspace.slipway("carol", "show", id.group(1), "--output", "json");
        assertThat(shown.out()).as(shown.toString()).contains("\"interrupted\"");
        beforeCountingProcesses.run();
        assertThat(workspace.processesInside()).as("only the release Slipway records runs").hasSize(1);

        for (int i = 1; i <= 3; i++) {
            workspace.commit("NEXT", i + "\n", "Next " + i);
            Run next = workspace.slipway("alice", "deploy", "dev");
            assertThat(next.exit()).as(next.toString()).isZero();
        }
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.5-dev");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Waits until the new release answers "starting" on the port the running one does not use: the deploy is mid roll-out. */
    private void awaitStartingReleaseOnTheOtherPort(Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Workspace.get(port + 1, "/health").equals("HTTP 503")) return;
            if (!process.isAlive()) throw new AssertionError("slipway deploy ended before its roll-out: " + workspace.errorsSoFar(process));
            Thread.sleep(100);
        }
        throw new AssertionError("the release did not start within 90s: " + workspace.errorsSoFar(process));
    }

    private static void signal(String name, Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
