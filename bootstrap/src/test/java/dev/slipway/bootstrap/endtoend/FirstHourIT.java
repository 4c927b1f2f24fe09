package dev.slipway.bootstrap.endtoend;

import dev.slipway.bootstrap.endtoend.Workspace.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A newcomer's first hour, through the real jar: `slipway init`, help in every mode, configuration mistakes explained. */
class FirstHourIT {

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.create();
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) workspace.close();
    }

    @Test
    void initWritesAConfigurationFromTheExistingTagsWhosePlanProposesTheNextVersion() throws IOException {
        workspace.tag("0.1.28-dev").commit("NOTES.md", "more\n", "Another change").tag("0.1.29-dev");
        Path config = workspace.repository().resolve("slipway.yml");

        Run init = workspace.slipwayWith(config, "alice", "init", "--yes", "--port", Integer.toString(Workspace.freePortPair()));

        assertThat(init.exit()).as(init.toString()).isZero();
        String written = Files.readString(config);
        assertThat(written).contains("tag: \"{version}-dev\"").contains("branch: dev").contains("command: \"python3 app.py\"")
                .contains("path: /health").contains("repository: .").contains("# next: 0.1.30-dev");
        assertThat(init.out()).as(init.toString()).contains("2 following \"{version}-dev\", latest 0.1.29-dev")
                .contains("plan: deploy hello-service 0.1.30-dev to dev").contains("next: review slipway.yml");

        Run plan = workspace.slipwayWith(config, "alice", "plan", "dev");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("0.1.30-dev");

        Run again = workspace.slipwayWith(config, "alice", "init", "--yes");
        assertThat(again.exit()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(config)).isEqualTo(written);
    }

    @Test
    void initTakesAnAnswerForEachQuestionAndRefusesAnInvalidOne() throws IOException {
        Path config = workspace.repository().resolve("slipway.yml");

        Run bad = workspace.slipwayWith(config, "alice", "init", "--yes", "--tag", "release");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("--tag").contains("{version}").contains("slipway init --help");
        assertThat(config).doesNotExist();

        Run init = workspace.slipwayWith(config, "alice", "init", "--yes", "--service", "greeter", "--environment", "staging",
                "--tag", "v{version}", "--port", Integer.toString(Workspace.freePortPair()));
        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(Files.readString(config)).contains("greeter:").contains("staging:").contains("tag: \"v{version}\"")
                .contains("branch: dev");
        assertThat(init.out()).contains("plan: deploy greeter v0.1.0 to staging");
    }

    @Test
    void withoutAConfigurationTheMessageNamesSlipwayInit() throws IOException {
        Files.deleteIfExists(workspace.root().resolve("slipway.yml"));

        Run status = workspace.slipway("alice", "status");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.out()).isEmpty();
        assertThat(status.err()).contains("no configuration file").contains("slipway init").doesNotContain("examples/hello-service");
    }

    @Test
    void everyModeAnswersHelpWithExitZero() {
        for (String mode : new String[] {"shell", "demo", "serve", "init", "deploy"}) {
            Run help = workspace.slipway("alice", mode, "--help");
            assertThat(help.exit()).as(help.toString()).isZero();
            assertThat(help.out()).as(help.toString()).containsIgnoringCase("usage");
        }
    }

    @Test
    void pointsAtTheLineAndColumnOfAnUnquotedPlaceholderAndSaysHowToQuoteIt() {
        workspace.configure("""
                slipway:
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: {version}-dev
                          target: { type: local, command: "python3 app.py", port: 18080 }
                """);

        Run status = workspace.slipway("alice", "status");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).as(status.toString()).contains("slipway.yml").contains("line 8, column 16")
                .contains("tag: \"{version}-dev\"").contains("next: ").doesNotContain("Exception");
    }

    private int configureDevAndProd() {
        int devPort = Workspace.freePortPair();
        workspace.configure("""
                slipway:
                  locks: { lease: 2s }
                  services:
                    hello:
                      repository: hello-service
                      environments:
                        dev:
                          branch: dev
                          tag: "{version}-dev"
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, timeout: 1s, attempts: 40, interval: 100ms }
                        prod:
                          branch: dev
                          tag: "v{version}"
                          promoted-from: dev
                          approval: required
                          approvers: [bob]
                          target: { type: local, command: "python3 app.py", port: %d }
                          health: { path: /health, timeout: 1s, attempts: 40, interval: 100ms }
                """.formatted(devPort, Workspace.freePortPair()));
        return devPort;
    }

    @Test
    void unlockingWhatIsNotLockedAndARejectThatWorkedBothSucceed() {
        configureDevAndProd();

        Run unlock = workspace.slipway("alice", "unlock", "dev");
        assertThat(unlock.exit()).as(unlock.toString()).isZero();
        assertThat(unlock.out()).contains("hello/dev was not locked; nothing to do");

        Run deploy = workspace.slipway("alice", "deploy", "dev");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        Run promotePlan = workspace.slipway("alice", "promote", "dev", "prod", "--plan");
        Run plan = workspace.slipway("alice", "plan", "prod");
        for (Run planned : new Run[] {promotePlan, plan}) {
            assertThat(planned.exit()).as(planned.toString()).isZero();
            assertThat(planned.out()).as(planned.toString()).contains("plan: promote hello v0.1.0 to prod").contains("the release dev runs")
                    .contains("a promotion would start now (and wait for approval)");
        }
        Run promote = workspace.slipway("alice", "promote", "dev", "prod");
        assertThat(promote.exit()).as(promote.toString()).isEqualTo(3);
        Matcher id = Pattern.compile("slipway approve ([0-9a-f]{12})").matcher(promote.all());
        assertThat(id.find()).as(promote.toString()).isTrue();

        Run shown = workspace.slipway("bob", "show", id.group(1).substring(0, 7));
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains(id.group(1));

        Run reject = workspace.slipway("bob", "reject", id.group(1).substring(0, 6), "--reason", "not today");
        assertThat(reject.exit()).as(reject.toString()).isZero();
        assertThat(reject.out()).contains("rejected deployment " + id.group(1)).contains("cancelled");
    }

    @Test
    void swappedPromoteArgumentsAreRecognisedAndProblemsGoToStderrWithTheirNextStep() {
        configureDevAndProd();

        Run swapped = workspace.slipway("alice", "promote", "prod", "dev");

        assertThat(swapped.exit()).as(swapped.toString()).isEqualTo(2);
        assertThat(swapped.out()).isEmpty();
        assertThat(swapped.err()).contains("dev is promoted from prod, not the other way round".replace("dev is promoted from prod", "prod is promoted from dev"))
                .contains("did you mean `slipway promote dev prod`?");

        Run unknown = workspace.slipway("alice", "deploy", "staging");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("no environment 'staging'; environments: dev, prod").contains("run `slipway deploy --help`");
    }

    @Test
    void aDeployWaitingForTheLockSaysHowLongItHasWaited() {
        configureDevAndProd();
        assertThat(workspace.slipway("carol", "lock", "dev", "--reason", "db migration").exit()).isZero();

        Run wait = workspace.slipway("alice", "deploy", "dev", "--lock-wait", "3s");

        assertThat(wait.exit()).as(wait.toString()).isEqualTo(6);
        assertThat(wait.err()).as(wait.toString()).contains("waiting up to 3s for the lock of hello/dev")
                .containsPattern("waiting for the lock held by carol \\(db migration\\), [12]s of 3s")
                .contains("waited 3s").doesNotContain("PT");
    }

    @Test
    void statusCheckExitsOneWhenADeployedEnvironmentIsDown() {
        configureDevAndProd();
        assertThat(workspace.slipway("alice", "deploy", "dev").exit()).isZero();

        Run healthy = workspace.slipway("alice", "status", "--check");
        assertThat(healthy.exit()).as(healthy.toString()).isZero();

        workspace.processesInside().forEach(ProcessHandle::destroyForcibly);
        workspace.processesInside().forEach(p -> p.onExit().join());
        Run down = workspace.slipway("alice", "status", "--check");

        assertThat(down.exit()).as(down.toString()).isEqualTo(1);
        assertThat(down.err()).contains("status check failed: hello/dev is down").contains("next: ");
    }

    @Test
    void tablesFitTheTerminalTheyArePrintedOnButScriptsGetWholeValues() {
        configureDevAndProd();
        workspace.commit("NOTES.md", "a change whose subject is long enough to need more than sixty columns of any terminal\n",
                "A change whose subject is long enough to need more than sixty columns of any terminal window");
        Run deploy = workspace.slipway("alice", "deploy", "dev", "--name", "A deployment whose name alone is wider than what a terminal of a hundred columns leaves for it in the history table");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();

        Run narrow = workspace.onTerminal(100, "alice", "history", "dev");
        Run piped = workspace.slipway("alice", "history", "dev");

        assertThat(narrow.exit()).as(narrow.toString()).isZero();
        assertThat(narrow.out().lines().filter(l -> l.contains(" | ")).toList()).as(narrow.toString()).isNotEmpty()
                .allSatisfy(line -> assertThat(line.stripTrailing().length()).as(line).isLessThanOrEqualTo(100));
        assertThat(narrow.out()).contains("...");
        assertThat(piped.out()).contains("A deployment whose name alone is wider than what a terminal of a hundred columns leaves for it in the history table");
    }

    @Test
    void ctrlCInTheShellCancelsADeployWaitingForTheLockAndReturnsToThePrompt() throws Exception {
        configureDevAndProd();
        assertThat(workspace.slipway("carol", "lock", "dev", "--reason", "db migration").exit()).isZero();

        Process shell = workspace.startOnTerminal("alice", "shell");
        java.io.OutputStream keys = shell.getOutputStream();
        awaitScreen(shell, screen -> screen.contains("slipway:> "));
        keys.write("deploy dev --lock-wait 1m\r".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        keys.flush();
        awaitScreen(shell, screen -> screen.contains("waiting up to 1m for the lock of hello/dev"));
        keys.write(3);
        keys.flush();
        awaitScreen(shell, screen -> screen.contains("Ctrl-C: deploy cancelled; nothing was deployed")
                && screen.substring(screen.indexOf("Ctrl-C: deploy cancelled")).contains("slipway:> "));
        keys.write("status\r".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        keys.flush();
        awaitScreen(shell, screen -> screen.substring(screen.indexOf("Ctrl-C: deploy cancelled")).contains("Service | Env"));
        keys.write("quit\r".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        keys.flush();

        assertThat(shell.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(workspace.outputSoFar(shell)).isTrue();
        assertThat(shell.exitValue()).as(workspace.outputSoFar(shell)).isZero();
        Run history = workspace.slipway("alice", "history", "dev");
        assertThat(history.out()).as(history.toString()).contains("no deployments yet");
    }

    /** Waits (on what the terminal shows, never on a fixed sleep) until the screen satisfies {@code shown}. */
    private void awaitScreen(Process shell, java.util.function.Predicate<String> shown) throws InterruptedException {
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!shown.test(workspace.outputSoFar(shell))) {
            if (System.nanoTime() > giveUp || !shell.isAlive()) {
                throw new AssertionError("the terminal never showed what was expected; it shows:\n" + workspace.outputSoFar(shell)
                        + (shell.isAlive() ? "" : "\n(the shell ended with " + shell.exitValue() + ")"));
            }
            Thread.sleep(100);
        }
    }
}
