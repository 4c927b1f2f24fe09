package dev.slipway.adapter.local;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.DeploymentTarget.Rollout;
import dev.slipway.application.port.out.DeploymentTargetContract;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployment target contract and the local target's own promises, run with real processes: a small Python HTTP
 * service (test resource {@code release/server.py}) on free loopback ports chosen when the test starts.
 */
class LocalDeploymentTargetIT extends DeploymentTargetContract {

    private static final String PYTHON = pythonExecutable();
    private static final HealthCheck CHECK = new HealthCheck("/health", Duration.ofSeconds(1), 40, Duration.ofMillis(100), Optional.of("/version"));

    @TempDir
    Path root;

    private final PollingHttpProbe probe = new PollingHttpProbe();
    private int port;
    private Service service;
    private LocalDeploymentTarget target;

    @BeforeEach
    void chooseFreePortsAndBuildTheTarget() {
        port = freePortPair();
        service = serviceWith(Map.of("command", "'%s' server.py".formatted(PYTHON), "port", Integer.toString(port), "keep", "3"));
        target = new LocalDeploymentTarget(root, probe, new WallClock(), Duration.ofSeconds(2));
    }

    /** Every test ends with at most the recorded release alive; then everything this JVM started is stopped. */
    @AfterEach
    void leavesOnlyTheRecordedReleaseRunningThenStopsIt() throws IOException {
        List<ProcessHandle> started = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        Optional<Long> recorded = RunState.read(root.resolve("run/hello/dev.state")).current()
                .flatMap(Instance::process).map(ProcessHandle::pid);
        started.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : started) process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(started).map(ProcessHandle::pid).isSubsetOf(recorded.stream().toList());
    }

    @Override
    protected DeploymentTarget target() {
        return target;
    }

    @Override
    protected DeploymentTarget reopened() {
        return new LocalDeploymentTarget(root, probe, new WallClock());
    }

    @Override
    protected Service service() {
        return service;
    }

    @Override
    protected ReleaseSource sourceOf(Release release, Behaviour behaviour) {
        return directory -> {
            try {
                copyServer(directory.resolve("server.py"));
                switch (behaviour) {
                    case HEALTHY -> { }
                    case NEVER_HEALTHY -> Files.writeString(directory.resolve("mode"), "sick");
                    case EXITS_AT_ONCE -> Files.writeString(directory.resolve("mode"), "exit");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    protected Optional<String> versionAnsweredAt(URI endpoint) {
        return answerAt(endpoint, "/version");
    }

    @Test
    void eachNewReleaseTakesTheOtherPortAndTheOldProcessStops() {
        Rollout first = deploy("0.1.1", Behaviour.HEALTHY);
        long firstPid = journaledPid();
        Rollout second = deploy("0.1.2", Behaviour.HEALTHY);
        long secondPid = journaledPid();
        Rollout third = deploy("0.1.3", Behaviour.HEALTHY);

        assertThat(first.endpoint()).contains(URI.create("http://127.0.0.1:" + port));
        assertThat(second.endpoint()).contains(URI.create("http://127.0.0.1:" + (port + 1)));
        assertThat(third.endpoint()).isEqualTo(first.endpoint());
        assertThat(alive(firstPid)).isFalse();
        assertThat(alive(secondPid)).isFalse();
        assertThat(second.detail()).contains("stopped pid " + firstPid);
        assertThat(versionAnsweredAt(third.endpoint().orElseThrow())).contains("0.1.3-dev");
    }

    @Test
    void aReleaseThatNeverBecomesHealthyIsStoppedAndItsFailureQuotesTheProbeAndTheLog() {
        deploy("0.1.1", Behaviour.HEALTHY);

        Rollout failed = deploy("0.1.2", Behaviour.NEVER_HEALTHY);

        assertThat(failed.detail()).contains("did not become healthy").contains("status 503").contains("starting hello/dev 0.1.2-dev");
        assertThat(alive(journaledPid())).isFalse();
        assertThat(portFree(port + 1)).isTrue();
    }

    @Test
    void aReleaseThatExitsFailsWithoutWaitingOutTheHealthCheck() {
        Rollout failed = deploy("0.1.1", Behaviour.EXITS_AT_ONCE);

        assertThat(failed.detail()).contains("exited with status 3").contains("refusing to start: the mode file says exit");
        assertThat(step.reports()).noneMatch(report -> report.contains("(attempt %d)".formatted(CHECK.attempts())));
    }

    @Test
    void journalsThePidPortAndLogOfTheNewRelease() {
        deploy("0.1.1", Behaviour.HEALTHY);

        assertThat(step.journal()).containsEntry("port", Integer.toString(port))
                .containsEntry("log", root.resolve("logs/hello/dev/0.1.1-dev.log").toString())
                .containsKey("pid");
    }

    @Test
    void runningSaysWhenTheRecordedProcessHasDied() {
        deploy("0.1.1", Behaviour.HEALTHY);
        kill(journaledPid());

        assertThat(reopened().running(service, environment())).hasValueSatisfying(running -> {
            assertThat(running.tag()).isEqualTo("0.1.1-dev");
            assertThat(running.alive()).isFalse();
            assertThat(running.detail()).contains("no longer running");
        });
    }

    @Test
    void rollingOutAReleaseWhoseProcessDiedStartsItAgain() {
        deploy("0.1.1", Behaviour.HEALTHY);
        long died = journaledPid();
        kill(died);

        Rollout again = deploy("0.1.1", Behaviour.HEALTHY);

        assertThat(again.succeeded()).as(again.detail()).isTrue();
        assertThat(journaledPid()).isNotEqualTo(died);
        assertThat(running()).hasValueSatisfying(running -> assertThat(running.alive()).isTrue());
    }

    @Test
    void runsTheReleaseInItsOwnSessionWithNothingOnStandardInput() throws IOException {
        deploy("0.1.1", Behaviour.HEALTHY);
        long pid = journaledPid();

        String stat = Files.readString(Path.of("/proc/%d/stat".formatted(pid)));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.parseLong(afterName[3])).as("session id").isEqualTo(pid);
        assertThat(Files.readSymbolicLink(Path.of("/proc/%d/fd/0".formatted(pid)))).isEqualTo(Path.of("/dev/null"));
    }

    @Test
    void givesTheReleaseItsPortAndNamesButNoneOfSlipwaysOwnVariables() {
        assertThat(System.getenv("SLIPWAY_TEST_SECRET")).as("set for this JVM by the Failsafe configuration").isNotBlank();

        URI endpoint = deploy("0.1.1", Behaviour.HEALTHY).endpoint().orElseThrow();

        assertThat(answerAt(endpoint, "/env/PORT")).contains(Integer.toString(port));
        assertThat(answerAt(endpoint, "/env/SLIPWAY_SERVICE")).contains("hello");
        assertThat(answerAt(endpoint, "/env/SLIPWAY_ENVIRONMENT")).contains("dev");
        assertThat(answerAt(endpoint, "/env/SLIPWAY_VERSION")).contains("0.1.1-dev");
        assertThat(answerAt(endpoint, "/env/PATH")).isPresent();
        assertThat(answerAt(endpoint, "/env/SLIPWAY_TEST_SECRET")).isEmpty();
    }

    @Test
    void writesWhatTheReleasePrintsToItsOwnLog() throws IOException {
        deploy("0.1.1", Behaviour.HEALTHY);

        String log = Files.readString(root.resolve("logs/hello/dev/0.1.1-dev.log"));

        assertThat(log).contains("starting 0.1.1-dev of hello/dev on port " + port).contains("starting hello/dev 0.1.1-dev on port " + port);
    }

    @Test
    void keepsOnlyTheNewestReleasesOnDisk() throws IOException {
        for (String version : List.of("0.1.1", "0.1.2", "0.1.3", "0.1.4", "0.1.5")) {
            assertThat(deploy(version, Behaviour.HEALTHY).succeeded()).isTrue();
        }

        try (Stream<Path> releases = Files.list(root.resolve("releases/hello"))) {
            assertThat(releases.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("0.1.3-dev", "0.1.4-dev", "0.1.5-dev");
        }
        assertThat(target.canRestore(service, environment(), release("0.1.2"))).isFalse();
        assertThat(target.canRestore(service, environment(), release("0.1.4"))).isTrue();
    }

    @Test
    void neverPrunesAReleaseAnotherEnvironmentRuns() {
        Service twoEnvironments = Service.of("hello", new SourceRepository("/srv/hello"), List.of(
                environment("dev", Map.of("command", "'%s' server.py".formatted(PYTHON), "port", Integer.toString(port), "keep", "1")),
                environment("prod", Map.of("command", "'%s' server.py".formatted(PYTHON), "port", Integer.toString(freePortPair()), "keep", "1"))));
        Environment dev = twoEnvironments.environment("dev").orElseThrow();
        Environment prod = twoEnvironments.environment("prod").orElseThrow();
        rollOut(twoEnvironments, prod, "0.1.1");

        rollOut(twoEnvironments, dev, "0.1.1");
        rollOut(twoEnvironments, dev, "0.1.2");
        rollOut(twoEnvironments, dev, "0.1.3");
        rollOut(twoEnvironments, dev, "0.1.4");

        assertThat(target.canRestore(twoEnvironments, dev, release("0.1.1"))).as("prod runs it").isTrue();
        assertThat(target.canRestore(twoEnvironments, dev, release("0.1.2"))).isFalse();
        stopRecorded(twoEnvironments, prod);
    }

    @Test
    void aZombieCountsAsStoppedThoughTheJdkCallsItAlive() throws IOException, InterruptedException {
        Process parent = new ProcessBuilder(PYTHON, "-c", "import os, time\nchild = os.fork()\nif child == 0: os._exit(0)\nprint(child, flush=True)\ntime.sleep(30)")
                .redirectErrorStream(true).start();
        long child = Long.parseLong(parent.inputReader(StandardCharsets.UTF_8).readLine().strip());
        Path stat = Path.of("/proc/%d/stat".formatted(child));
        for (int i = 0; i < 50 && !Files.readString(stat).contains(") Z "); i++) Thread.sleep(20);
        ProcessHandle zombie = ProcessHandle.of(child).orElseThrow();

        assertThat(zombie.isAlive()).isTrue();
        assertThat(Instance.runs(zombie)).isFalse();
        parent.destroyForcibly().waitFor();
    }

    @Test
    void refusesAPortAnotherProcessHolds() throws IOException {
        try (ServerSocket squatter = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(squatter.isBound()).isTrue();
            Rollout refused = deploy("0.1.1", Behaviour.HEALTHY);

            assertThat(refused.succeeded()).isFalse();
            assertThat(refused.previousStillServing()).isFalse();
            assertThat(refused.detail()).contains("port %d is taken".formatted(port));
        }
    }

    @Test
    void stopsAReleaseThatAnInterruptedRunLeftStarting() throws IOException {
        Process orphan = new ProcessBuilder("sleep", "60").start();
        Instance left = new Instance("0.1.0-dev", orphan.pid(), orphan.toHandle().info().startInstant(), port + 1, root.resolve("orphan.log"));
        RunState.writeStarting(left, root.resolve("run/hello/dev.starting"));

        Rollout rollout = deploy("0.1.1", Behaviour.HEALTHY);

        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        assertThat(orphan.isAlive()).isFalse();
        assertThat(step.reports()).anyMatch(report -> report.contains("left running by an interrupted roll-out"));
        assertThat(root.resolve("run/hello/dev.starting")).doesNotExist();
    }

    @Test
    void runsTheCommandInItsWorkdirWithQuotedArguments() throws IOException {
        Service nested = serviceWith(Map.of("command", "'%s' 'my server.py'".formatted(PYTHON), "port", Integer.toString(port), "workdir", "app"));
        Release release = release("0.2.0");

        Environment dev = nested.environments().get("dev");
        String artifact = target.prepare(nested, dev, release, directory -> {
            try {
                Files.createDirectories(directory.resolve("app"));
                copyServer(directory.resolve("app/my server.py"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, step);
        Rollout rollout = target.rollOut(nested, dev, release.withArtifact(artifact), Optional.empty(), step);

        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        assertThat(Files.readString(root.resolve("logs/hello/dev/0.2.0-dev.log"))).contains("from " + Path.of(artifact, "app"));
    }

    @Test
    void aFailedPrepareLeavesNoHalfWrittenRelease() {
        Release release = release("0.1.1");

        assertThatThrownBy(() -> target.prepare(service, environment(), release, directory -> {
            try {
                Files.writeString(directory.resolve("half"), "written before the failure");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new OutsideSystemFailure("git", "export the tree", true, "the repository went away");
        }, step)).isInstanceOf(OutsideSystemFailure.class);

        assertThat(root.resolve("releases/hello")).isEmptyDirectory();
        assertThat(target.canRestore(service, environment(), release)).isFalse();
    }

    @Test
    void aProcessThatLostItsLockDuringTheRollOutStopsTheReleaseItStartedAndWritesNoState() throws IOException {
        assertThat(deploy("0.1.1", Behaviour.HEALTHY).succeeded()).isTrue();
        Path stateFile = root.resolve("run/hello/dev.state");
        String before = Files.readString(stateFile);
        Release release = release("0.1.2");
        String artifact = target.prepare(service, environment(), release, sourceOf(release, Behaviour.HEALTHY), step);
        AtomicBoolean holds = new AtomicBoolean(true);
        // The lease is taken over while the new release starts, as when this process was paused past its lease.
        StepContext pausedPastItsLease = new StepContext() {
            public void report(String message) { report(message, 0); }
            public void report(String message, double fraction) {
                if (message.startsWith("started ")) holds.set(false);
            }
            public void remember(String key, String value) { step.remember(key, value); }
            public Optional<String> recall(String key) { return step.recall(key); }
            public Instant deadline() { return step.deadline(); }
            public boolean stillHolds() { return holds.get(); }
        };

        assertThatThrownBy(() -> target.rollOut(service, environment(), release.withArtifact(artifact), Optional.empty(), pausedPastItsLease))
                .isInstanceOf(OutsideSystemFailure.class)
                .hasMessageContaining("this process lost its lock on hello/dev to another process")
                .hasMessageContaining("that it had started")
                .hasMessageContaining("wrote nothing more");

        assertThat(alive(journaledPid())).as("the release it started").isFalse();
        assertThat(Files.readString(stateFile)).isEqualTo(before);
        assertThat(root.resolve("run/hello/dev.starting")).as("left to whoever holds the lock now").exists();
        assertThat(versionAnsweredAt(URI.create("http://127.0.0.1:" + port))).contains("0.1.1-dev");
        Files.delete(root.resolve("run/hello/dev.starting"));
    }

    @Test
    void aStateDirectoryThatRefusesWritesLeavesTheOldReleaseServingAndSaysSo() throws IOException {
        assertThat(deploy("0.1.1", Behaviour.HEALTHY).succeeded()).isTrue();
        String before = Files.readString(root.resolve("run/hello/dev.state"));
        // The new release's log cannot be written (a directory stands where the file goes): a write failure under the state directory.
        Files.createDirectories(root.resolve("logs/hello/dev/0.1.2-dev.log/in-the-way"));

        Rollout refused = deploy("0.1.2", Behaviour.HEALTHY);

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.previousStillServing()).as(refused.detail()).isTrue();
        assertThat(refused.detail()).contains("could not roll out 0.1.2-dev to hello/dev").contains("0.1.1-dev still serves on port " + port + ", untouched");
        assertThat(Files.readString(root.resolve("run/hello/dev.state"))).isEqualTo(before);
        assertThat(versionAnsweredAt(URI.create("http://127.0.0.1:" + port))).contains("0.1.1-dev");
    }

    @Test
    void prunesReleasesNoEnvironmentListsAndPartialsWhoseWriterIsGone() throws IOException {
        Path releases = root.resolve("releases/hello");
        Path interrupted = Files.createDirectories(releases.resolve("0.0.9-dev"));
        Files.setLastModifiedTime(interrupted, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path young = Files.createDirectories(releases.resolve("0.0.8-dev"));
        Path deadWriter = Files.createDirectories(releases.resolve(".partial-pid%d-0.0.7-dev-1".formatted(Integer.MAX_VALUE)));
        Path liveWriter = Files.createDirectories(releases.resolve(".partial-pid%d-0.0.6-dev-2".formatted(ProcessHandle.current().pid())));
        Path unnamedWriter = Files.createDirectories(releases.resolve(".partial-0.0.5-dev-3"));

        assertThat(deploy("0.1.1", Behaviour.HEALTHY).succeeded()).isTrue();

        assertThat(interrupted).as("its deployment never recorded a roll-out").doesNotExist();
        assertThat(deadWriter).doesNotExist();
        assertThat(young).as("may belong to a deployment between its artifact and its roll-out").exists();
        assertThat(liveWriter).exists();
        assertThat(unnamedWriter).as("younger than a day, its writer unknown").exists();
        assertThat(releases.resolve("0.1.1-dev")).exists();
    }

    @Test
    void validationListsEveryProblemWithWhatIsAllowed() {
        Service broken = serviceWith(Map.of("comand", "python3 app.py", "port", "80", "keep", "none", "workdir", "../elsewhere"));

        List<String> problems = target.validate(broken, broken.environments().get("dev"));

        assertThat(problems).hasSize(5);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unknown setting comand"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'command' is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'port' is 80").contains("1024 to 65534"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'keep' is 'none'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'workdir' is '../elsewhere'"));
    }

    private void rollOut(Service service, Environment environment, String version) {
        Release release = release(version);
        String artifact = target.prepare(service, environment, release, sourceOf(release, Behaviour.HEALTHY), step);
        Rollout rollout = target.rollOut(service, environment, release.withArtifact(artifact), Optional.empty(), step);
        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
    }

    /** Stops what an extra environment runs, since the clean-up after each test only accounts for dev. */
    private void stopRecorded(Service service, Environment environment) {
        try {
            RunState.read(root.resolve("run/%s/%s.state".formatted(service.name(), environment.name()))).current()
                    .flatMap(Instance::process).ifPresent(process -> {
                        process.destroy();
                        process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Service serviceWith(Map<String, String> settings) {
        return Service.of("hello", new SourceRepository("/srv/hello"), List.of(environment("dev", settings)));
    }

    private static Environment environment(String name, Map<String, String> settings) {
        return new Environment(name, BranchPolicy.of(name), TagPattern.of("{version}-dev"), new TargetSpec("local", settings), CHECK,
                ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false);
    }

    private Optional<String> answerAt(URI endpoint, String path) {
        try {
            HttpResponse<String> response = probe.get(endpoint, path, Duration.ofSeconds(2));
            return response.statusCode() == 200 ? Optional.of(response.body().strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private long journaledPid() {
        return Long.parseLong(step.recall("pid").orElseThrow());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void copyServer(Path to) throws IOException {
        try (InputStream server = LocalDeploymentTargetIT.class.getResourceAsStream("/release/server.py")) {
            if (server == null) throw new IOException("test resource release/server.py is missing");
            Files.copy(server, to);
        }
    }

    /** Two neighbouring free ports below the kernel's ephemeral range, so outgoing connections do not take them meanwhile. */
    private static int freePortPair() {
        for (int tries = 0; tries < 100; tries++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (portFree(candidate) && portFree(candidate + 1)) return candidate;
        }
        throw new IllegalStateException("found no two neighbouring free ports between 20000 and 32000");
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The interpreter itself rather than a launcher script (pyenv's shim), so the recorded pid is Python's. */
    private static String pythonExecutable() {
        try {
            Process which = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").redirectErrorStream(true).start();
            String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (which.waitFor() != 0 || path.isEmpty()) throw new IllegalStateException("python3 did not say where it is: " + path);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("these tests need python3 on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for python3", e);
        }
    }
}
