package dev.slipway.adapter.aws;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The instance agent from {@code deploy/agent}, as packed into bundles, run by bash with stub {@code docker},
 * {@code systemctl}, {@code aws} and {@code curl} first on PATH; the stubs record their calls.
 */
class SlipwayAgentIT {

    private static final String REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello";

    @TempDir
    Path dir;
    private Path bundle;
    private Path stubs;
    private Path root;
    private Path systemd;
    private Path calls;

    @BeforeEach
    void unpackTheBundleAndStubTheTools() throws IOException {
        bundle = Files.createDirectories(dir.resolve("bundle"));
        stubs = Files.createDirectories(dir.resolve("stubs"));
        root = Files.createDirectories(dir.resolve("opt"));
        systemd = Files.createDirectories(dir.resolve("systemd"));
        calls = dir.resolve("calls.log");
        copy("slipway-agent.sh", bundle.resolve("slipway-agent.sh"), true);
        copy("slipway.service.template", bundle.resolve("slipway.service.template"), false);
        Files.writeString(bundle.resolve(".env.example"), "GREETING=hello\n");
        // Each stub logs its name and arguments; STUB_FAIL names the stub (and subcommand) that must fail.
        String stub = """
                #!/usr/bin/env bash
                printf '%%s %%s\\n' "%s" "$*" >> "%s"
                case "%s $1" in
                  "systemctl is-active") [[ -f "%s/active" ]] ;;
                  "systemctl enable") touch "%s/active" ;;
                  "systemctl stop") rm -f "%s/active" ;;
                  "aws ecr") echo not-a-real-password ;;
                  "docker login") cat >/dev/null ;;
                esac
                status=$?
                if [[ " ${STUB_FAIL:-} " == *" %s "* || " ${STUB_FAIL:-} " == *" %s-$1 "* ]]; then exit 1; fi
                exit $status
                """;
        for (String tool : List.of("docker", "systemctl", "aws", "curl")) {
            Path file = stubs.resolve(tool);
            Files.writeString(file, stub.formatted(tool, calls, tool, dir, dir, dir, tool, tool));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void copy(String resource, Path to, boolean executable) throws IOException {
        try (InputStream in = Objects.requireNonNull(SlipwayAgentIT.class.getResourceAsStream("/dev/slipway/deploy/" + resource), resource)) {
            Files.copy(in, to);
        }
        if (executable) Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, String out, String err) {}

    private Run agent(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", bundle.resolve("slipway-agent.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", stubs + ":/usr/bin:/bin");
        builder.environment().put("SLIPWAY_ROOT", root.toString());
        builder.environment().put("SLIPWAY_SYSTEMD_DIR", systemd.toString());
        builder.environment().put("SLIPWAY_HEALTH_ATTEMPTS", "3");
        builder.environment().put("SLIPWAY_HEALTH_INTERVAL", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    private Run deploy(String version, Map<String, String> env) throws Exception {
        return agent(env, "deploy", "hello", "dev", version, REPOSITORY, "8080", "/health");
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void deployingLogsInPullsWritesTheUnitStartsItChecksHealthAndRecordsTheVersion() throws Exception {
        Run run = deploy("0.1.30-dev", Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        // The two ends of the login pipe start together, so their order in the log is free.
        assertThat(calls().subList(0, 2)).containsExactlyInAnyOrder(
                "aws ecr get-login-password --region eu-west-1",
                "docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(calls()).containsSubsequence(
                "docker pull --quiet " + REPOSITORY + ":0.1.30-dev",
                "systemctl daemon-reload",
                "systemctl enable --now slipway-hello-dev.service",
                "curl -fsS --max-time 2 -o /dev/null http://127.0.0.1:8080/health");
        String unit = Files.readString(systemd.resolve("slipway-hello-dev.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/docker run --rm --name slipway-hello-dev --env-file " + root.resolve("hello-dev/env")
                + " --env PORT=8080 --publish 8080:8080 " + REPOSITORY + ":0.1.30-dev").doesNotContain("@");
        assertThat(root.resolve("hello-dev/VERSION")).hasContent("0.1.30-dev");
        assertThat(root.resolve("hello-dev/env")).hasContent("GREETING=hello");
        assertThat(run.out() + run.err()).doesNotContain("not-a-real-password");
    }

    @Test
    void deployingTheVersionThatRunsAgainDoesNothing() throws Exception {
        deploy("0.1.30-dev", Map.of());
        Files.delete(calls);

        Run again = deploy("0.1.30-dev", Map.of());

        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already runs 0.1.30-dev");
        assertThat(calls()).noneMatch(call -> call.startsWith("docker") || call.startsWith("systemctl enable") || call.startsWith("systemctl stop"));
    }

    @Test
    void aNewVersionStopsTheOldUnitAndKeepsThePreviousVersionOnRecord() throws Exception {
        deploy("0.1.29-dev", Map.of());
        Files.delete(calls);

        Run run = deploy("0.1.30-dev", Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(calls()).containsSubsequence("systemctl stop slipway-hello-dev.service", "systemctl enable --now slipway-hello-dev.service");
        assertThat(calls()).noneMatch(call -> call.startsWith("docker rmi") || call.startsWith("docker image rm"));
        assertThat(root.resolve("hello-dev/PREVIOUS_VERSION")).hasContent("0.1.29-dev");
        assertThat(root.resolve("hello-dev/VERSION")).hasContent("0.1.30-dev");
    }

    @Test
    void eachFailureHasItsOwnExitCode() throws Exception {
        assertThat(deploy("0.1.30-dev", Map.of("STUB_FAIL", "aws")).exit()).isEqualTo(10);
        assertThat(deploy("0.1.30-dev", Map.of("STUB_FAIL", "docker-pull")).exit()).isEqualTo(11);
        assertThat(deploy("0.1.30-dev", Map.of("STUB_FAIL", "systemctl-enable")).exit()).isEqualTo(13);
        Run unhealthy = deploy("0.1.30-dev", Map.of("STUB_FAIL", "curl"));
        assertThat(unhealthy.exit()).isEqualTo(14);
        assertThat(unhealthy.err()).contains("did not answer after 3 attempts");
        assertThat(root.resolve("hello-dev/VERSION")).doesNotExist();
    }

    @Test
    void aMissingTemplateExitsWithTheUnitCode() throws Exception {
        Files.delete(bundle.resolve("slipway.service.template"));

        assertThat(deploy("0.1.30-dev", Map.of()).exit()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.30;reboot", "$(reboot)", "`reboot`", "0.1.30\nreboot", "0.1.30 -dev", "../etc"})
    void refusesAnInjectedVersionBeforeCallingAnything(String version) throws Exception {
        Run run = deploy(version, Map.of());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not allowed");
        assertThat(calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello;reboot", "$(reboot)", "`reboot`", "hello\nreboot", "Hello"})
    void refusesAnInjectedServiceOrEnvironmentBeforeCallingAnything(String name) throws Exception {
        assertThat(agent(Map.of(), "deploy", name, "dev", "0.1.30-dev", REPOSITORY, "8080", "/health").exit()).isEqualTo(2);
        assertThat(agent(Map.of(), "deploy", "hello", name, "0.1.30-dev", REPOSITORY, "8080", "/health").exit()).isEqualTo(2);
        assertThat(agent(Map.of(), "version", name, "dev").exit()).isEqualTo(2);
        assertThat(calls()).isEmpty();
    }

    @Test
    void versionAnswersWhatWasDeployedOrSaysNothingWas() throws Exception {
        assertThat(agent(Map.of(), "version", "hello", "dev").exit()).isEqualTo(3);

        deploy("0.1.30-dev", Map.of());

        Run version = agent(Map.of(), "version", "hello", "dev");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).isEqualTo("0.1.30-dev\n");
    }

    @Test
    void isCleanUnderShellcheck() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/shellcheck"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as("CI=true needs shellcheck (apt-get install shellcheck)").isTrue();
        }
        assumeTrue(installed, "shellcheck is not installed");
        Process process = new ProcessBuilder("shellcheck", "--severity=style", bundle.resolve("slipway-agent.sh").toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(out).isZero();
    }
}
