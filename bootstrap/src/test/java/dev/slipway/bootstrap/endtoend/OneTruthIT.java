package dev.slipway.bootstrap.endtoend;

import dev.slipway.adapter.jdbc.TestPostgres;
import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every front end deploys the same commit: the environment's branch as on a bare {@code origin}. The command line
 * publishes its branch, refuses one that is behind or dirty, never goes backwards or repeats silently; the API after a
 * command-line deploy finds nothing new; waiting for the lock deploys one after another; a refused API request may be
 * sent again with the same key; a webhook for a tag the remote lacks creates nothing.
 */
class OneTruthIT {

    private static final PersonIdent AUTHOR = new PersonIdent("One truth test", "truth@slipway.invalid");
    private static final String TOKEN = "truth-test-token";
    private static final String WEBHOOK_SECRET = "truth-webhook-secret";
    private static final Map<String, String> SERVE_ENV = Map.of("SLIPWAY_API_TOKEN_CI", TOKEN, "GITHUB_WEBHOOK_SECRET", WEBHOOK_SECRET);
    private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"};

    private Workspace workspace;
    private Path repository;
    private Path origin;
    private int port;

    @BeforeEach
    void createWorkspaceWithABareOrigin() throws Exception {
        workspace = Workspace.create();
        repository = workspace.root().resolve("hello-service");
        origin = workspace.root().resolve("origin.git");
        Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("dev").call().close();
        try (Git git = Git.open(repository.toFile())) {
            git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
            git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/dev:refs/heads/dev")).call();
        }
        port = Workspace.freePortPair();
        configure("");
    }

    /** slipway.yml with the API, webhooks and the dev environment; {@code registry} is YAML under slipway: (empty for H2). */
    private void configure(String registry) {
        workspace.configure("""
                slipway:
                %s  api:
                    tokens:
                      - { actor: ci, env: SLIPWAY_API_TOKEN_CI, roles: [deploy] }
                  webhooks: { github: { enabled: true } }
                  services:
                    hello:
                      repository: hello-service
                      github: acme/hello
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          trigger: tag
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, version-path: /version, timeout: 1s, attempts: 150, interval: 150ms }
                """.formatted(registry, port));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void aCommandLineDeployLeavesOriginsBranchAtTheDeployedCommit() throws Exception {
        workspace.commit("NOTES.md", "unpublished\n", "A commit only this clone has");
        String head = localHead();

        Run deploy = workspace.slipway("alice", "deploy", "dev");

        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(originRef("refs/heads/dev")).contains(head);
        assertThat(originRef("refs/tags/0.1.0-dev")).isPresent();
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.0-dev");
    }

    @Test
    void aLocalBranchBehindOriginIsRefusedWithTheCommandThatFixesIt() throws Exception {
        commitFromAnotherClone("A teammate's change");

        Run deploy = workspace.slipway("alice", "deploy", "dev");

        assertThat(deploy.exit()).as(deploy.toString()).isEqualTo(3);
        assertThat(deploy.all()).contains("branch-not-published").contains("1 commit behind origin/dev").contains("git pull --ff-only");
        assertThat(originRef("refs/tags/0.1.0-dev")).isEmpty();
    }

    @Test
    void aModifiedTrackedFileIsRefusedAndAllowDirtyDeploysTheCommitWithoutIt() throws Exception {
        Files.writeString(repository.resolve("README.md"), "edited, not committed\n");
        Files.writeString(repository.resolve("scratch.txt"), "untracked\n");

        Run refused = workspace.slipway("alice", "deploy", "dev");
        Run dirty = workspace.slipway("alice", "deploy", "dev", "--allow-dirty");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.all()).contains("uncommitted-changes").contains("README.md").doesNotContain("scratch.txt");
        assertThat(dirty.exit()).as(dirty.toString()).isZero();
        assertThat(dirty.all()).contains("NOT in this release");
    }

    @Test
    void afterAForcePushOfAnOlderCommitADeployIsRefusedUnlessAllowOlder() throws Exception {
        String older = localHead();
        workspace.commit("NOTES.md", "newer\n", "A newer commit");
        assertThat(workspace.slipway("alice", "deploy", "dev").exit()).isZero();
        try (Git git = Git.open(repository.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(older).call();
            git.push().setRemote("origin").setForce(true).setRefSpecs(new RefSpec("+refs/heads/dev:refs/heads/dev")).call();
        }

        Run refused = workspace.slipway("alice", "deploy", "dev");
        Run allowed = workspace.slipway("alice", "deploy", "dev", "--allow-older");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.all()).contains("older-than-running").contains("0.1.0-dev").contains("0.1.1-dev").contains(older.substring(0, 7));
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.1-dev");
        assertThat(originRef("refs/tags/0.1.1-dev")).isPresent();
    }

    @Test
    void theApiRightAfterACommandLineDeployFindsNothingNewAndARefusedKeyMayBeSentAgain() throws Exception {
        workspace.commit("NOTES.md", "one\n", "A change");
        assertThat(workspace.slipway("alice", "deploy", "dev").exit()).isZero();
        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", SERVE_ENV)) {
            HttpResponse<String> nothing = server.post("/api/deployments", "{\"environment\": \"dev\"}", AUTH);
            assertThat(refusal(server, nothing)).contains("nothing-new");

            assertThat(workspace.slipway("ops", "lock", "dev", "--reason", "freeze").exit()).isZero();
            workspace.commit("NOTES.md", "two\n", "Another change");
            push();
            String key = UUID.randomUUID().toString();
            String[] keyed = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/json", "Idempotency-Key", key};
            HttpResponse<String> locked = server.post("/api/deployments", "{\"environment\": \"dev\"}", keyed);
            assertThat(refusal(server, locked)).contains("freeze");
            assertThat(workspace.slipway("ops", "unlock", "dev").exit()).isZero();

            HttpResponse<String> retried = server.post("/api/deployments", "{\"environment\": \"dev\"}", keyed);
            assertThat(retried.statusCode()).as(retried.body()).isIn(200, 202);
            String id = retried.headers().firstValue("Location").map(l -> l.replaceAll(".*/", ""))
                    .orElseGet(() -> field(retried.body(), "id"));
            String settled = server.awaitBody("/api/deployments/" + id, body -> body.contains("\"status\":\"succeeded\""), Duration.ofSeconds(60), AUTH);
            assertThat(settled).contains("0.1.1-dev");
        }
        Run history = workspace.slipway("ops", "history", "dev", "--output", "json");
        assertThat(history.out()).as("the API's nothing-new deployed nothing").doesNotContain("0.1.2-dev");
    }

    @Test
    void aWebhookForATagTheRemoteDoesNotHaveIsRefusedAndCreatesNothing() throws Exception {
        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", SERVE_ENV)) {
            String payload = """
                    {"ref":"refs/tags/0.9.0-dev","deleted":false,"repository":{"full_name":"acme/hello"},"sender":{"login":"octocat"},\
                    "head_commit":{"id":"%s"}}""".formatted(localHead());
            HttpResponse<String> answer = server.post("/webhooks/github", payload, "Content-Type", "application/json", "X-GitHub-Event", "push",
                    "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-Hub-Signature-256", sign(payload));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            // Refused within the short wait, or later: then the refusal is recorded where the answer points.
            String outcome = answer.body().contains("\"started\"")
                    ? server.awaitBody("/api/deployments/" + field(answer.body(), "deployment"), body -> body.contains("cancelled"), Duration.ofSeconds(30), AUTH)
                    : answer.body();
            assertThat(outcome).contains("tag-not-on-remote");
        }
        assertThat(localRef("refs/tags/0.9.0-dev")).isEmpty();
        assertThat(originRef("refs/tags/0.9.0-dev")).isEmpty();
    }

    @Test
    void threeWaitersDeployOneAfterAnotherEachTheHeadAtItsTurnOrNothingNew() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.createDatabase("e2e_truth_waiters");
        configure("""
                  registry:
                    url: jdbc:postgresql://localhost:%d/%s
                    username: postgres
                """.formatted(postgres.port(), database));
        // Each release takes a few seconds to become healthy, so the others wait for the lock meanwhile.
        workspace.commit("STARTUP_DELAY", "3\n", "Start slowly");
        List<Process> waiters = new ArrayList<>();
        String[] args = {"deploy", "dev", "--lock-wait", "2m", "--output", "json"};
        for (String actor : List.of("alice", "bob", "carol")) waiters.add(workspace.start(actor, Map.of(), args));

        // New commits come while they wait; the deploy holding the lock publishes the branch as it is then.
        awaitWaiting(waiters, 2);
        emptyCommit("Committed while they wait");
        Process first = waiters.stream().filter(p -> !workspace.errorsSoFar(p).contains("waiting up to")).findFirst().orElse(waiters.getFirst());
        first.waitFor();
        emptyCommit("Committed once the first is done");
        List<Run> runs = new ArrayList<>();
        for (Process waiter : waiters) runs.add(workspace.finish(waiter, args));

        List<String> deployed = new ArrayList<>();
        for (Run run : runs) {
            assertThat(run.exit()).as(run.toString()).isIn(0, 3);
            if (run.exit() == 3) {
                assertThat(run.out()).as(run.toString()).contains("nothing-new");
            } else {
                deployed.add(field(run.out(), "tag"));
            }
        }
        assertThat(deployed).as(runs.toString()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        assertThat(deployed.stream().sorted().toList()).isEqualTo(List.of("0.1.0-dev", "0.1.1-dev", "0.1.2-dev").subList(0, deployed.size()));
        assertThat(runs.toString()).doesNotContain("exists already");
        assertThat(Workspace.get(port, "/version")).isEqualTo("0.1.%d-dev".formatted(deployed.size() - 1));
    }

    /** A refusal as the API answers it: 409 at once, or a 202 whose Location answers the refusal, recorded as cancelled. */
    private static String refusal(ServingSlipway server, HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409);
        if (answer.statusCode() == 409) return answer.body();
        String location = answer.headers().firstValue("Location").orElseThrow();
        return server.awaitBody(location, body -> body.contains("\"cancelled\""), Duration.ofSeconds(60), AUTH);
    }

    // ---------------------------------------------------------------- git around the workspace

    private void awaitWaiting(List<Process> waiters, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (waiters.stream().filter(p -> workspace.errorsSoFar(p).contains("waiting up to")).count() >= count) return;
            if (waiters.stream().noneMatch(Process::isAlive)) break;
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than %d deploys said they wait for the lock: %s".formatted(count,
                waiters.stream().map(workspace::errorsSoFar).toList()));
    }

    private String localHead() throws Exception {
        return localRef("refs/heads/dev").orElseThrow();
    }

    private Optional<String> localRef(String name) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            return peeled(git, name);
        }
    }

    private Optional<String> originRef(String name) throws Exception {
        try (Git git = Git.open(origin.toFile())) {
            return peeled(git, name);
        }
    }

    private static Optional<String> peeled(Git git, String name) throws Exception {
        Ref ref = git.getRepository().exactRef(name);
        if (ref == null) return Optional.empty();
        ObjectId id = git.getRepository().getRefDatabase().peel(ref).getPeeledObjectId();
        return Optional.of((id != null ? id : ref.getObjectId()).name());
    }

    private void commitFromAnotherClone(String message) throws Exception {
        Path other = Files.createTempDirectory(workspace.root(), "other-clone-");
        try (Git clone = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(other.toFile()).setBranch("dev").call()) {
            Files.writeString(other.resolve("TEAMMATE.md"), message + "\n");
            clone.add().addFilepattern("TEAMMATE.md").call();
            clone.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
            clone.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/dev:refs/heads/dev")).call();
        }
    }

    /** A commit that changes no file, so the working tree and the index stay as they are while deploys read them. */
    private void emptyCommit(String message) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            git.commit().setAllowEmpty(true).setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
        }
    }

    private void push() throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/dev:refs/heads/dev")).call();
        }
    }

    private static String sign(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first string value of {@code name} in a JSON text. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new AssertionError("no \"%s\" in %s".formatted(name, json));
        return m.group(1);
    }
}
