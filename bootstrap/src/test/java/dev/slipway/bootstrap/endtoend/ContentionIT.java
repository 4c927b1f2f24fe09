package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many CLI processes deploying one environment at the same moment on the embedded default registry (the H2 file under
 * the state directory, which the first process serves to the others and which changes hands whenever that process
 * ends): every round exactly one deploys, every other one is refused, either by the lock naming the deployment that
 * runs or, when it came after that deployment ended, as nothing new naming the release it brought; none fails on the
 * registry, and the winner's journal is complete. {@code -Dslipway.contention.processes} and
 * {@code -Dslipway.contention.rounds} (default 20 and 1: a round of twenty JVMs takes about a minute on two cores,
 * so the suite runs one, and {@code .ci/run} runs it again with ten after the suite; {@code bench/contention.sh} prints
 * the counts of as many rounds as asked) size it.
 */
class ContentionIT {

    private static final int PROCESSES = Integer.getInteger("slipway.contention.processes", 20);
    private static final int ROUNDS = Integer.getInteger("slipway.contention.rounds", 1);
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{12})\"");
    private static final Pattern HOLDER = Pattern.compile("holds hello/dev \\(deployment ([0-9a-f]{12})");
    private static final Pattern TAG = Pattern.compile("\"tag\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NOTHING_NEW = Pattern.compile("\"rule\"\\s*:\\s*\"nothing-new\"");
    private static final List<String> JOURNAL = List.of("tag", "artifact", "roll-out", "verify", "record");

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        int port = Workspace.freePortPair();
        // The release takes a few seconds to become healthy, so the winner still holds the lock when the slowest process asks.
        workspace.commit("STARTUP_DELAY", "5\n", "Start slowly");
        workspace.configure("""
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 150, interval: 150ms }
                """.formatted(port));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void exactlyOneOfManySimultaneousDeploysRunsAndEveryOtherIsRefusedNamingIt() throws InterruptedException {
        for (int round = 1; round <= ROUNDS; round++) {
            workspace.commit("ROUND", round + "\n", "Round " + round);
            List<Process> processes = new ArrayList<>();
            for (int i = 1; i <= PROCESSES; i++) processes.add(workspace.start("user-" + i, Map.of(), "deploy", "dev", "--output", "json"));
            List<Run> runs = new ArrayList<>();
            // Twenty JVMs starting at once on a small machine take a while: each gets minutes, not the usual command timeout.
            for (Process process : processes) {
                assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("deploy %d of round %d ended: %s", processes.indexOf(process) + 1, round,
                        workspace.errorsSoFar(process)).isTrue();
                runs.add(workspace.finish(process, "deploy", "dev", "--output", "json", "(round " + round + ")"));
            }

            String all = "round %d:%n%s".formatted(round, runs);
            assertThat(runs).as(all).extracting(Run::exit).filteredOn(exit -> exit == 0).hasSize(1);
            assertThat(runs).as(all).extracting(Run::exit).filteredOn(exit -> exit == 3).hasSize(PROCESSES - 1);
            Run winner = runs.stream().filter(r -> r.exit() == 0).findFirst().orElseThrow();
            Matcher id = DEPLOYMENT_ID.matcher(winner.out());
            assertThat(id.find()).as(winner.toString()).isTrue();
            String winnerId = id.group(1);
            Matcher tag = TAG.matcher(winner.out());
            assertThat(tag.find()).as(winner.toString()).isTrue();
            String winnerTag = tag.group(1);
            for (Run refused : runs.stream().filter(r -> r.exit() == 3).toList()) {
                Matcher holder = HOLDER.matcher(refused.out());
                if (holder.find()) {
                    assertThat(holder.group(1)).as("the holder a refusal names is the deployment that ran").isEqualTo(winnerId);
                } else if (refused.out().contains("deciding what to deploy")) {
                    // It asked while another process held the lock only to find the winner's release already running.
                    assertThat(refused.out()).as(refused.toString()).contains("holds hello/dev (deciding what to deploy");
                } else {
                    // It took the lock after the winner ended: the head it would deploy is what the winner brought.
                    assertThat(NOTHING_NEW.matcher(refused.out()).find()).as(refused.toString()).isTrue();
                    assertThat(refused.out()).as(refused.toString()).contains("runs " + winnerTag);
                }
            }
            Run shown = workspace.slipway("carol", "show", winnerId, "--output", "json");
            assertThat(shown.exit()).as(shown.toString()).isZero();
            for (String step : JOURNAL) {
                assertThat(shown.out()).as("step %s of %s", step, winnerId)
                        .containsPattern("\"name\"\\s*:\\s*\"%s\"\\s*,\\s*\"status\"\\s*:\\s*\"succeeded\"".formatted(Pattern.quote(step)));
            }
        }
    }
}
