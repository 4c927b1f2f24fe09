package dev.slipway.distribution;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI templates (deploy/ci/*.yml) and the Makefile: every workflow parses and has the shape GitHub runs, and every
 * Slipway call in them names a command Slipway has, with options that command lists in its own {@code --help}, as
 * the real jar (bootstrap/target/slipway.jar) prints it: no list of options is written down here.
 */
class CiTemplatesIT {

    private static final Path ROOT = Path.of(System.getProperty("slipway.root"));
    private static final Path JAR = Path.of(System.getProperty("slipway.jar"));
    private static final Path JAVA = Path.of(System.getProperty("slipway.java.home"), "bin", "java");
    /** An option in help: two spaces, then --name, at the start of a line. */
    private static final Pattern HELP_OPTION = Pattern.compile("(?m)^ {2}(--[a-z][a-z-]*)(?:, (-[a-z]))?");

    @TempDir
    static Path scratch;
    private static final Map<String, Set<String>> OPTIONS_BY_COMMAND = new HashMap<>();

    static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/ci"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @BeforeAll
    static void thereAreTheThreeTemplates() throws IOException {
        assertThat(workflows()).extracting(p -> p.getFileName().toString()).contains("pull-request.yml", "dev-tag.yml", "main.yml");
    }

    @Test
    void everyWorkflowHasTriggersAndJobsWhoseStepsEachUseAnActionOrRunAScript() throws IOException {
        for (Path file : workflows()) {
            Map<String, Object> workflow = yaml(file);
            assertThat(workflow).as(file.toString()).containsKeys("name", "jobs");
            assertThat(on(workflow)).as("%s: on", file).isNotNull();
            Map<String, Object> jobs = map(workflow.get("jobs"));
            assertThat(jobs).as("%s: jobs", file).isNotEmpty();
            jobs.forEach((name, value) -> {
                Map<String, Object> job = map(value);
                assertThat(job).as("%s: job %s", file, name).containsKeys("runs-on", "steps");
                for (Object stepValue : list(job.get("steps"))) {
                    Map<String, Object> step = map(stepValue);
                    assertThat(step.containsKey("uses") ^ step.containsKey("run")).as("%s: job %s: a step uses an action or runs a script: %s",
                            file, name, step).isTrue();
                    if (step.containsKey("uses")) assertThat((String) step.get("uses")).as("actions are pinned to a version").matches("[\\w.-]+/[\\w./-]+@\\S+");
                }
            });
        }
    }

    @Test
    void testsRunOnPullRequests() throws IOException {
        Map<String, Object> workflow = yaml(ROOT.resolve("deploy/ci/pull-request.yml"));

        assertThat(map(on(workflow))).containsKey("pull_request");
    }

    @Test
    void aPushedDevTagBuildsThePushesTheImageAndDeploysWithCredentialsFromOidc() throws IOException {
        Map<String, Object> workflow = yaml(ROOT.resolve("deploy/ci/dev-tag.yml"));

        assertThat(list(map(map(on(workflow)).get("push")).get("tags"))).containsExactly("*-dev");
        assertThat(map(workflow.get("permissions"))).containsEntry("id-token", "write");
        List<Map<String, Object>> steps = steps(workflow);
        assertThat(steps).filteredOn(s -> String.valueOf(s.get("uses")).startsWith("aws-actions/configure-aws-credentials@"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(map(s.get("with"))).containsKey("role-to-assume").doesNotContainKeys("aws-access-key-id", "aws-secret-access-key"));
        assertThat(runs(workflow)).anySatisfy(run -> assertThat(run).contains("docker push"));
        assertThat(invocations("dev-tag.yml", runs(workflow))).anySatisfy(call -> {
            assertThat(call.command()).contains("deploy");
            assertThat(call.text()).contains("deploy dev --version \"$TAG\"");
            assertThat(call.options()).contains("--output");
        });
    }

    @Test
    void aPushToMainDeploysOrPromotesProduction() throws IOException {
        Map<String, Object> workflow = yaml(ROOT.resolve("deploy/ci/main.yml"));

        assertThat(list(map(map(on(workflow)).get("push")).get("branches"))).containsExactly("main");
        assertThat(map(workflow.get("permissions"))).containsEntry("id-token", "write");
        assertThat(invocations("main.yml", runs(workflow))).extracting(call -> call.command().orElse(""))
                .contains("deploy", "promote");
    }

    @Test
    void theMakefileHasTheSeedsTargetsAndCallsTheCheckoutsScript() throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"));

        assertThat(makefile).containsPattern("(?m)^deploy-dev:").containsPattern("(?m)^tag:").containsPattern("(?m)^rollback:")
                .containsPattern("(?m)^help:").contains("SLIPWAY ?= ./slipway");
    }

    @Test
    void everySlipwayCallNamesACommandSlipwayHasWithOptionsItsHelpLists() throws Exception {
        List<SlipwayInvocation> calls = new ArrayList<>();
        for (Path file : workflows()) calls.addAll(invocations(file.getFileName().toString(), runs(yaml(file))));
        calls.addAll(SlipwayInvocation.findIn("Makefile", Files.readString(ROOT.resolve("Makefile"))));
        assertThat(calls).as("the templates call Slipway").hasSizeGreaterThanOrEqualTo(6);

        List<String> problems = new ArrayList<>();
        for (SlipwayInvocation call : calls) problems.addAll(problems(call));

        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsAnUnknownCommandAndAnOptionTheCommandDoesNotHave() throws Exception {
        List<SlipwayInvocation> calls = SlipwayInvocation.findIn("made up", """
                slipway deploy dev --versoin 1.2.3 --output json | jq .
                ./slipway depoly dev
                """);

        assertThat(problems(calls.get(0))).singleElement().asString().contains("--versoin");
        assertThat(problems(calls.get(1))).singleElement().asString().contains("depoly");
    }

    @Test
    void readsCommandsAndOptionsFromShellAndMakeLines() {
        List<SlipwayInvocation> calls = SlipwayInvocation.findIn("t", """
                # slipway nothing --here
                status=0; slipway --config ops/slipway.yml deploy dev --version "$TAG" --lock-wait=10m > out.json || status=$?
                plan=$$($(SLIPWAY) plan dev --bump $(BUMP) --output json); \\
                mkdir -p "$RUNNER_TEMP/slipway"
                """);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).command()).contains("deploy");
        assertThat(calls.get(0).options()).containsExactly("--config", "--version", "--lock-wait");
        assertThat(calls.get(1).command()).contains("plan");
        assertThat(calls.get(1).options()).containsExactly("--bump", "--output");
    }

    /** What is wrong with one call: an unknown command, or options its help does not list. */
    private static List<String> problems(SlipwayInvocation call) throws Exception {
        if (call.command().isEmpty()) {
            return call.options().stream().allMatch(o -> Set.of("--help", "-h", "--version").contains(o)) ? List.of()
                    : List.of(call.source() + ": no command in `" + call.text() + "`");
        }
        String command = call.command().get();
        Set<String> known = options(command);
        if (known == null) return List.of(call.source() + ": `" + command + "` is not a Slipway command, in `" + call.text() + "`");
        return call.options().stream().filter(option -> !known.contains(option))
                .map(option -> call.source() + ": `slipway " + command + "` has no option " + option + ", in `" + call.text() + "`").toList();
    }

    /** The options `slipway COMMAND --help` lists, asked of the real jar once per command; null when there is no such command. */
    private static synchronized Set<String> options(String command) throws Exception {
        if (OPTIONS_BY_COMMAND.containsKey(command)) return OPTIONS_BY_COMMAND.get(command);
        Run help = Run.of(Files.createDirectories(scratch.resolve("help")), Map.of("PATH", "/usr/bin:/bin", "HOME", scratch.toString()),
                List.of(JAVA.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(), command, "--help"));
        Set<String> options = null;
        if (help.exitCode() == 0 && help.out().startsWith(command + " - ")) {
            options = new LinkedHashSet<>();
            Matcher option = HELP_OPTION.matcher(help.out());
            while (option.find()) {
                options.add(option.group(1));
                if (option.group(2) != null) options.add(option.group(2));
            }
            assertThat(options).as("`slipway %s --help` lists options:\n%s", command, help).contains("--output", "--help");
        } else {
            assertThat(help.exitCode()).as("an unknown command is bad input: " + help).isEqualTo(2);
        }
        OPTIONS_BY_COMMAND.put(command, options);
        return options;
    }

    private static List<SlipwayInvocation> invocations(String source, List<String> runs) {
        return runs.stream().flatMap(run -> SlipwayInvocation.findIn(source, run).stream()).toList();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file)));
    }

    /** YAML 1.1 reads a bare `on` key as the boolean true. */
    private static Object on(Map<String, Object> workflow) {
        return workflow.containsKey("on") ? workflow.get("on") : workflow.get(true);
    }

    private static List<Map<String, Object>> steps(Map<String, Object> workflow) {
        List<Map<String, Object>> steps = new ArrayList<>();
        map(workflow.get("jobs")).values().forEach(job -> list(map(job).get("steps")).forEach(step -> steps.add(map(step))));
        return steps;
    }

    private static List<String> runs(Map<String, Object> workflow) {
        return steps(workflow).stream().filter(s -> s.containsKey("run")).map(s -> String.valueOf(s.get("run"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
