package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one vocabulary on the real jar: the CLI's {@code show --output json} and the API's {@code GET /api/deployments/{id}}
 * answer the same document; with {@code --output json} every failure is one JSON document on stdout; {@code --progress
 * json} writes NDJSON step events; {@code status} runs the health check and shows it failing beside liveness.
 */
class OneVocabularyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> TOKEN_ENV = Map.of("SLIPWAY_API_TOKEN_CI", "vocabulary-test-token");
    private static final String[] AUTH = {"Authorization", "Bearer vocabulary-test-token"};

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
        workspace.configure("""
                slipway:
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
    void showAndTheApiAnswerTheSameDeploymentDocumentAndProgressIsNdjson() throws IOException {
        Run deploy = workspace.slipway("alice", "deploy", "dev", "--output", "json", "--progress", "json");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        JsonNode deployed = parse(deploy.out());
        assertThat(deployed.path("outcome").asString()).isEqualTo("succeeded");
        String id = deployed.path("deployment").path("id").asString();

        List<JsonNode> events = deploy.err().lines().filter(line -> !line.isBlank()).map(OneVocabularyIT::parse).toList();
        assertThat(events).as(deploy.err()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.path("deployment").asString()).isEqualTo(id);
            assertThat(event.path("event").asString()).isIn("deployment_started", "step_started", "step_progressed", "step_finished", "deployment_finished");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("event").asString()).isEqualTo("step_finished");
            assertThat(event.path("step").asString()).isEqualTo("roll-out");
            assertThat(event.path("status").asString()).isEqualTo("succeeded");
            assertThat(event.path("details").isObject()).isTrue();
        });
        assertThat(events.getLast().path("event").asString()).isEqualTo("deployment_finished");
        assertThat(events.getLast().path("status").asString()).isEqualTo("succeeded");

        Run show = workspace.slipway("alice", "show", id, "--output", "json");
        assertThat(show.exit()).as(show.toString()).isZero();
        JsonNode fromCli = parse(show.out()).path("deployment");
        assertThat(fromCli.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(fromCli.path("tag").asString()).isEqualTo("0.1.0-dev");
        assertThat(fromCli.path("version").asString()).isEqualTo("0.1.0");
        assertThat(fromCli.path("steps").findValues("state")).isNotEmpty();

        Run metrics = workspace.slipway("alice", "metrics", "--output", "json");
        assertThat(metrics.exit()).as(metrics.toString()).isZero();
        JsonNode metricsFromCli = parse(metrics.out()).path("metrics");
        assertThat(metricsFromCli.path("environments").get(0).path("keys").path("succeeded").asInt()).as(metrics.out()).isEqualTo(1);

        try (ServingSlipway server = ServingSlipway.start(workspace, "ops", TOKEN_ENV)) {
            HttpResponse<String> answer = server.get("/api/deployments/" + id, AUTH);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode fromApi = parse(answer.body());

            assertThat(fieldNames(fromApi)).isEqualTo(fieldNames(fromCli));
            assertThat(fromApi).isEqualTo(fromCli);

            // The metrics document too is one document: the API answers the CLI's metrics section (its window ends later).
            HttpResponse<String> measured = server.get("/api/metrics", AUTH);
            assertThat(measured.statusCode()).as(measured.body()).isEqualTo(200);
            JsonNode metricsFromApi = parse(measured.body());
            assertThat(fieldNames(metricsFromApi)).isEqualTo(fieldNames(metricsFromCli));
            assertThat(metricsFromApi.path("environments").findValues("keys").getFirst())
                    .isEqualTo(metricsFromCli.path("environments").findValues("keys").getFirst());
        }
    }

    @Test
    void everyFailureIsOneJsonDocumentOnStdoutWithItsExitCode() {
        Run unknownEnvironment = workspace.slipway("alice", "deploy", "nosuchenv", "--output", "json");
        assertFailureDocument(unknownEnvironment, 2, "invalid");

        Run unknownCommand = workspace.slipway("alice", "deplyo", "dev", "--output", "json");
        assertFailureDocument(unknownCommand, 2, "invalid");
        assertThat(parse(unknownCommand.out()).path("message").asString()).contains("unknown command 'deplyo'");

        Run unknownOption = workspace.slipway("alice", "deploy", "dev", "--frobnicate", "--output", "json");
        assertFailureDocument(unknownOption, 2, "invalid");

        assertFailureDocument(workspace.slipway("alice", "metrics", "--since", "400d", "--output", "json"), 2, "invalid");
        Run badProgress = workspace.slipway("alice", "deploy", "dev", "--progress", "loud", "--output", "json");
        assertFailureDocument(badProgress, 2, "invalid");

        workspace.configure("""
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          no-such-key: 1
                          target: { type: local, command: "python3 app.py", port: 18080 }
                """);
        Run brokenConfiguration = workspace.slipway("alice", "status", "--output", "json");
        assertFailureDocument(brokenConfiguration, 2, "invalid");
        assertThat(parse(brokenConfiguration.out()).path("message").asString()).contains("cannot be used");
    }

    @Test
    void statusShowsTheFailingHealthCheckOfAReleaseThatAnswers503() throws IOException {
        Run deploy = workspace.slipway("alice", "deploy", "dev");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        Run healthy = workspace.slipway("alice", "status", "--output", "json");
        assertThat(parse(healthy.out()).path("environments").get(0).path("health").asString()).as(healthy.toString()).isEqualTo("healthy");

        // The hello service answers 503 on /health while a file named UNHEALTHY lies in its release directory.
        List<Path> releases = releaseDirectories();
        assertThat(releases).isNotEmpty();
        for (Path release : releases) Files.writeString(release.resolve("UNHEALTHY"), "");

        Run status = workspace.slipway("alice", "status", "--output", "json", "--timeout", "5s");
        assertThat(status.exit()).as(status.toString()).isZero();
        JsonNode dev = parse(status.out()).path("environments").get(0);
        assertThat(dev.path("liveness").asString()).isEqualTo("up");
        assertThat(dev.path("health").asString()).as(status.out()).isEqualTo("unhealthy");
        assertThat(dev.path("healthDetail").asString()).contains("503");

        Run text = workspace.slipway("alice", "status");
        assertThat(text.out()).as(text.toString()).contains("unhealthy").contains("503").doesNotContain("| healthy");
    }

    private List<Path> releaseDirectories() throws IOException {
        Path repository = workspace.root().resolve("hello-service").toRealPath();
        try (Stream<Path> files = Files.walk(workspace.root())) {
            return files.filter(path -> path.getFileName().toString().equals("app.py"))
                    .map(Path::getParent)
                    .filter(folder -> !folder.equals(repository))
                    .toList();
        }
    }

    private static void assertFailureDocument(Run run, int exit, String outcome) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
        JsonNode document = parse(run.out());
        assertThat(document.path("exitCode").asInt()).as(run.toString()).isEqualTo(exit);
        assertThat(document.path("outcome").asString()).as(run.toString()).isEqualTo(outcome);
        assertThat(document.path("message").asString()).as(run.toString()).isNotBlank();
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new AssertionError("not one JSON document: " + text, e);
        }
    }
}
