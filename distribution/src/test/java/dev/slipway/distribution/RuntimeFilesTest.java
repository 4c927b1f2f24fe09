package dev.slipway.distribution;

import dev.slipway.distribution.Dockerfile.Instruction;
import dev.slipway.distribution.Dockerfile.Stage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slipway's own runtime files (deploy/runtime), checked as text since no container engine or systemd runs here: the
 * image runs `slipway serve` as a non-root user with a health check and a graceful stop, and no secret is written down.
 */
class RuntimeFilesTest {

    static final Path RUNTIME = Path.of(System.getProperty("slipway.root", "..")).resolve("deploy/runtime");
    static final Set<String> SECRETS = Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "GITHUB_WEBHOOK_SECRET", "SLIPWAY_DB_PASSWORD");
    /** Names that say a value is a secret, whatever the variable is called. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_KEY).*");

    @Test
    void buildsInOneStageAndRunsOnAJava25RuntimeInAnother() throws IOException {
        List<Stage> stages = dockerfile().stages();

        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages.getFirst().image()).startsWith("eclipse-temurin:25-jdk");
        assertThat(stages.getLast().image()).matches("eclipse-temurin:25-jre.*");
        assertThat(stages.getLast().instructions()).anySatisfy(i -> {
            assertThat(i.keyword()).isEqualTo("COPY");
            assertThat(i.arguments()).startsWith("--from=" + stages.getFirst().name().orElseThrow());
        });
    }

    @Test
    void runsAsANonRootUserInTheFinalStage() throws IOException {
        List<Instruction> users = keyword(dockerfile().finalStage(), "USER");

        assertThat(users).as("the final stage names its user").isNotEmpty();
        String user = users.getLast().arguments().split(":")[0];
        assertThat(user).isNotIn("root", "0");
    }

    @Test
    void trainsTheAotCacheOnTheRuntimeItShipsWith() throws IOException {
        assertThat(keyword(dockerfile().finalStage(), "RUN")).anySatisfy(run -> assertThat(run.arguments()).contains("train-aot-cache"));
    }

    @Test
    void checksReadinessAndStopsWithSigterm() throws IOException {
        Stage last = dockerfile().finalStage();

        assertThat(keyword(last, "HEALTHCHECK")).singleElement()
                .satisfies(check -> assertThat(check.arguments()).contains("CMD", "8080/actuator/health/readiness"));
        assertThat(keyword(last, "STOPSIGNAL")).singleElement().satisfies(stop -> assertThat(stop.arguments()).isEqualTo("SIGTERM"));
        assertThat(keyword(last, "EXPOSE")).singleElement().satisfies(expose -> assertThat(expose.arguments()).isEqualTo("8080"));
        assertThat(keyword(last, "ENTRYPOINT").getLast().arguments()).contains("/opt/slipway/bin/slipway");
        assertThat(keyword(last, "CMD").getLast().arguments()).contains("\"serve\"", "\"8080\"");
    }

    @Test
    void writesNoSecretIntoTheImage() throws IOException {
        for (Instruction variable : dockerfile().instructions()) {
            if (!variable.keyword().equals("ENV") && !variable.keyword().equals("ARG")) continue;
            for (String name : variableNames(variable.arguments())) {
                assertThat(name).as("%s on line %d", variable.keyword(), variable.line()).doesNotMatch(SECRET_NAME);
            }
        }
    }

    @Test
    void parsesContinuationsCommentsAndStagesOfAnyDockerfile() {
        Dockerfile parsed = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                FROM alpine:3 AS base
                RUN echo one \\
                 && echo two
                # a comment
                FROM --platform=linux/amd64 base
                user app
                """);

        assertThat(parsed.stages()).extracting(Stage::image).containsExactly("alpine:3", "base");
        assertThat(parsed.stages().getFirst().name()).contains("base");
        assertThat(parsed.all("RUN")).singleElement().satisfies(run -> assertThat(run.arguments()).isEqualTo("echo one && echo two"));
        assertThat(parsed.finalStage().instructions()).extracting(Instruction::keyword).containsExactly("USER");
    }

    @Test
    void theTaskDefinitionRunsServeAsANonRootUserWithAHealthCheckAndTimeToStop() throws IOException {
        JsonNode task = JsonMapper.builder().build().readTree(Files.readString(RUNTIME.resolve("ecs-task-definition.json")));
        JsonNode container = task.get("containerDefinitions").get(0);

        assertThat(container.get("user").asString().split(":")[0]).isNotBlank().isNotIn("root", "0");
        assertThat(container.get("command").get(0).asString()).isEqualTo("serve");
        assertThat(container.get("healthCheck").get("command").toString()).contains("/actuator/health/readiness");
        // Long enough for a deployment step to reach a safe point; Fargate allows at most 120 seconds.
        assertThat(container.get("stopTimeout").asInt()).isBetween(60, 120);
        assertThat(container.get("portMappings").get(0).get("containerPort").asInt()).isEqualTo(8080);
    }

    @Test
    void theTaskDefinitionTakesEverySecretFromSecretsManagerOrParameterStore() throws IOException {
        JsonNode container = JsonMapper.builder().build().readTree(Files.readString(RUNTIME.resolve("ecs-task-definition.json")))
                .get("containerDefinitions").get(0);

        Map<String, String> secrets = new LinkedHashMap<>();
        container.get("secrets").forEach(s -> secrets.put(s.get("name").asString(), s.get("valueFrom").asString()));
        assertThat(secrets.keySet()).containsAll(SECRETS);
        assertThat(secrets.values()).allMatch(from -> from.startsWith("arn:aws:secretsmanager:") || from.startsWith("arn:aws:ssm:"));
        List<String> plain = StreamSupport.stream(container.get("environment").spliterator(), false).map(e -> e.get("name").asString()).toList();
        assertThat(plain).noneMatch(name -> SECRET_NAME.matcher(name).matches());
    }

    @Test
    void theSystemdUnitRunsServeAsTheSlipwayUserAndRestartsOnFailure() throws IOException {
        Map<String, List<String>> service = unit().get("Service");

        assertThat(service.get("User")).containsExactly("slipway");
        assertThat(service.get("ExecStart")).singleElement().satisfies(exec -> assertThat(exec).matches("/\\S+/bin/slipway serve.*"));
        assertThat(service.get("Restart")).containsExactly("on-failure");
        assertThat(service.get("KillSignal")).containsExactly("SIGTERM");
        assertThat(Integer.parseInt(service.get("TimeoutStopSec").getFirst())).isGreaterThanOrEqualTo(60);
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(unit().get("Install").get("WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void theSystemdUnitReadsSecretsFromAFileOutsideTheRepositoryOnly() throws IOException {
        Map<String, List<String>> service = unit().get("Service");

        assertThat(service.get("EnvironmentFile")).singleElement().satisfies(file -> assertThat(file).startsWith("/etc/"));
        for (String assignment : service.getOrDefault("Environment", List.of())) {
            assertThat(assignment.split("=")[0]).doesNotMatch(SECRET_NAME);
        }
        // the example of that file names the secrets and holds no value
        for (String line : Files.readAllLines(RUNTIME.resolve("slipway.env.example"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            assertThat(line).endsWith("=");
            assertThat(SECRETS).contains(line.substring(0, line.length() - 1));
        }
    }

    private static Dockerfile dockerfile() throws IOException {
        return Dockerfile.parse(Files.readString(RUNTIME.resolve("Dockerfile")));
    }

    private static List<Instruction> keyword(Stage stage, String keyword) {
        return stage.instructions().stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The names an ENV or ARG sets: {@code A=1 B="x y"}, or the legacy {@code ENV A value}. */
    private static List<String> variableNames(String arguments) {
        List<String> names = new ArrayList<>();
        if (!arguments.contains("=") || arguments.indexOf(' ') >= 0 && arguments.indexOf(' ') < arguments.indexOf('=')) {
            names.add(arguments.split(" ")[0]);
            return names;
        }
        var matcher = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=").matcher(arguments);
        while (matcher.find()) names.add(matcher.group(1));
        return names;
    }

    /** A systemd unit as sections of keys, each with every value it was given, comments and blank lines dropped. */
    private static Map<String, Map<String, List<String>>> unit() throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String raw : Files.readAllLines(RUNTIME.resolve("slipway.service"))) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            assertThat(current).as("a key before any section: " + line).isNotNull();
            assertThat(equals).as("not a key=value line: " + line).isPositive();
            current.computeIfAbsent(line.substring(0, equals).strip(), k -> new ArrayList<>()).add(line.substring(equals + 1).strip());
        }
        return sections;
    }
}
