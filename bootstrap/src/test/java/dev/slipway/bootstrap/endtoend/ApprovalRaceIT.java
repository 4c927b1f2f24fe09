package dev.slipway.bootstrap.endtoend;

import dev.slipway.adapter.jdbc.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code slipway serve} replicas on one real PostgreSQL decide on the same deployment at the same moment: approve
 * on one, reject on the other, fifty times. Every round ends in exactly one decision, and the caller whose decision lost
 * is told which one stands.
 */
class ApprovalRaceIT {

    private static final int ROUNDS = 50;
    private static final String ASKER = "race-asker-token-5d1e";
    private static final String BOB = "race-bob-token-a93c";
    private static final String CAROL = "race-carol-token-0b7f";
    private static final Map<String, String> SECRETS = Map.of(
            "SLIPWAY_API_TOKEN_ASKER", ASKER, "SLIPWAY_API_TOKEN_BOB", BOB, "SLIPWAY_API_TOKEN_CAROL", CAROL);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_-]+)\"");
    private static final Pattern DECISION = Pattern.compile("\"decision\"\\s*:\\s*\"([a-z_-]+)\"");

    private Workspace workspace;
    private ServingSlipway first;
    private ServingSlipway second;

    @BeforeEach
    void twoReplicasOnOneDatabase() {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.createDatabase("e2e_approval_race_" + System.nanoTime());
        workspace = Workspace.create();
        workspace.configure("""
                slipway:
                  registry:
                    url: jdbc:postgresql://localhost:%d/%s
                    username: postgres
                  api:
                    tokens:
                      - { actor: asker, env: SLIPWAY_API_TOKEN_ASKER, roles: [deploy] }
                      - { actor: bob, env: SLIPWAY_API_TOKEN_BOB, roles: [approve] }
                      - { actor: carol, env: SLIPWAY_API_TOKEN_CAROL, roles: [approve] }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          approval: required
                          approvers: [bob, carol]
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 150, interval: 100ms }
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
    void approveOnOneReplicaAndRejectOnTheOtherAtTheSameMomentLeaveExactlyOneDecision() throws Exception {
        long started = System.nanoTime();
        int approvals = 0;
        int rejections = 0;
        int lostTheWrite = 0;
        try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
            for (int round = 1; round <= ROUNDS; round++) {
                workspace.commit("ROUND", round + "\n", "Round " + round);
                String id = awaitingApproval(round);

                CountDownLatch go = new CountDownLatch(1);
                Future<HttpResponse<String>> approve = callers.submit(() -> {
                    go.await();
                    return first.post("/api/deployments/" + id + "/approve", "{\"comment\": \"ship it\"}", auth(BOB));
                });
                Future<HttpResponse<String>> reject = callers.submit(() -> {
                    go.await();
                    return second.post("/api/deployments/" + id + "/reject", "{\"reason\": \"not today\"}", auth(CAROL));
                });
                go.countDown();
                HttpResponse<String> approveAnswer = approve.get(60, TimeUnit.SECONDS);
                HttpResponse<String> rejectAnswer = reject.get(60, TimeUnit.SECONDS);
                String answers = "round %d, deployment %s%n approve -> %d %s%n reject -> %d %s".formatted(round, id,
                        approveAnswer.statusCode(), approveAnswer.body(), rejectAnswer.statusCode(), rejectAnswer.body());
                assertThat(approveAnswer.statusCode()).as(answers).isLessThan(500);
                assertThat(rejectAnswer.statusCode()).as(answers).isLessThan(500);

                String path = "/api/deployments/" + id;
                String settled = second.awaitBody(path, body -> terminal(status(body)), Duration.ofSeconds(90), auth(ASKER));
                String seenByFirst = first.get(path, auth(ASKER)).body();
                assertThat(status(seenByFirst)).as("both replicas read one state%n%s%n%s", answers, seenByFirst).isEqualTo(status(settled));
                String decision = first(DECISION, settled);
                String detail = answers + "\n final -> " + settled;

                if (decision.equals("approved")) {
                    approvals++;
                    assertThat(status(settled)).as(detail).isEqualTo("succeeded");
                    assertThat(approveAnswer.statusCode()).as(detail).isIn(200, 202);
                    assertThat(status(approveAnswer.body())).as(detail).isNotEqualTo("cancelled");
                    // The reject lost: refused, naming the approval that stands or the state it led to.
                    assertThat(rejectAnswer.statusCode()).as(detail).isEqualTo(409);
                    assertThat(rejectAnswer.body()).as(detail).containsAnyOf("\"rule\":\"changed-meanwhile\"", "\"rule\":\"approval\"")
                            .contains("already approved by bob at ");
                } else {
                    rejections++;
                    assertThat(decision).as(detail).isEqualTo("rejected");
                    assertThat(status(settled)).as(detail).isEqualTo("cancelled");
                    assertThat(settled).as(detail).contains("rejected by carol");
                    assertThat(rejectAnswer.statusCode()).as(detail).isEqualTo(200);
                    assertThat(status(rejectAnswer.body())).as(detail).isEqualTo("cancelled");
                    // The approve lost: refused, or answered with the rejection that stands; it never ran.
                    assertThat(approveAnswer.statusCode()).as(detail).isNotEqualTo(202);
                    assertThat(approveAnswer.body()).as(detail).contains("rejected by carol");
                    assertThat(settled).as(detail).doesNotContain("\"name\":\"roll-out\"");
                }
                if ((decision.equals("approved") ? rejectAnswer : approveAnswer).body().contains("\"rule\":\"changed-meanwhile\"")) lostTheWrite++;
                // The next round's approve must find the environment's lock free.
                second.awaitBody("/api/environments", body -> !body.contains("\"lock\":{"), Duration.ofSeconds(30), auth(ASKER));
            }
        }
        System.out.printf("ApprovalRaceIT: %d rounds in %d s: approve won %d, reject won %d; the loser lost the compare-and-set "
                        + "(changed-meanwhile) in %d rounds and read the decision already taken in the others%n",
                ROUNDS, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), approvals, rejections, lostTheWrite);
        assertThat(approvals + rejections).isEqualTo(ROUNDS);
    }

    /** Asks for a deployment of dev (with a new commit) and waits until it awaits approval; answers its id. */
    private String awaitingApproval(int round) throws IOException {
        HttpResponse<String> asked = first.post("/api/deployments", "{\"environment\": \"dev\"}", auth(ASKER));
        assertThat(asked.statusCode()).as("round %d: %s", round, asked.body()).isIn(200, 202);
        String location = asked.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + asked.headers()));
        String id = location.substring(location.lastIndexOf('/') + 1);
        first.awaitBody(location, body -> "awaiting_approval".equals(status(body)), Duration.ofSeconds(60), auth(ASKER));
        return id;
    }

    private static String[] auth(String token) {
        return new String[] {"Authorization", "Bearer " + token, "Content-Type", "application/json"};
    }

    private static boolean terminal(String status) {
        return switch (status) {
            case "succeeded", "failed", "rolled_back", "rollback_failed", "cancelled", "interrupted" -> true;
            default -> false;
        };
    }

    /** The deployment's status: the first {@code status} field of a deployment document or of a result wrapping one. */
    private static String status(String body) {
        int deployment = body.indexOf("\"deployment\":{");
        return first(STATUS, deployment >= 0 ? body.substring(deployment) : body);
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }
}
