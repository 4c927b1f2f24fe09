package dev.slipway.adapter.local;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.HealthProbe.Health;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code local} target: runs each release of a service as a detached, supervised process on this machine, starts
 * the new release beside the old one on the other of two ports, and stops the old one only once the new one is healthy.
 * State lives under a root directory so that separate CLI invocations see the same releases, logs and processes:
 * {@code releases/<service>/<tag>/}, {@code logs/<service>/<env>/<tag>.log}, {@code run/<service>/<env>.state}.
 */
public final class LocalDeploymentTarget implements DeploymentTarget {

    public static final String TYPE = "local";
    private static final String SYSTEM = "local target";
    /** What a release may see of Slipway's own environment: the basics a program needs, never tokens or passwords. */
    private static final List<String> PASSED_VARIABLES =
            List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR");
    private static final int HEAD_LINES = 5;
    private static final int TAIL_LINES = 15;
    private static final int EXCERPT_WINDOW = 8192;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /**
     * A half-written release whose name does not say which process writes it (written by an older Slipway) is left alone
     * this long, since it may still be being written; one that names its process goes as soon as that process is gone.
     */
    private static final Duration STALE_PARTIAL = Duration.ofDays(1);
    private static final String PARTIAL = ".partial-";
    private static final java.util.regex.Pattern PARTIAL_OF_PROCESS = java.util.regex.Pattern.compile("\\.partial-pid(\\d+)-.*");
    /**
     * A release directory that no environment lists (its deployment was interrupted before its roll-out was recorded) is
     * removed once it is this old: younger, it may belong to a deployment of another environment between its artifact
     * step and its roll-out.
     */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

    private final Path root;
    private final HealthProbe probe;
    private final Clock clock;
    private final Duration stopGrace;
    /** The command that runs this program again (for {@code __forward}), or empty when it cannot be told. */
    private final Optional<List<String>> forwarder;
    /** How long the old release keeps serving the connections it has after the proxy points at the new one. */
    private static final Duration PROXY_DRAIN = Duration.ofMillis(500);

    /** {@code stopGrace} is how long a release may take to exit after SIGTERM before it is killed. */
    public LocalDeploymentTarget(Path root, HealthProbe probe, Clock clock, Duration stopGrace) {
        this(root, probe, clock, stopGrace, thisProgram());
    }

    /** {@code forwarder}: the command that starts this program, to which {@code __forward PORT FILE} is added. */
    public LocalDeploymentTarget(Path root, HealthProbe probe, Clock clock, Duration stopGrace, Optional<List<String>> forwarder) {
        this.forwarder = forwarder == null ? Optional.empty() : forwarder.map(List::copyOf);
        if (root == null || probe == null || clock == null || stopGrace == null || stopGrace.isNegative()) {
            throw new IllegalArgumentException("the local target needs a root directory, a health probe, a clock and a non-negative stop grace");
        }
        this.root = root.toAbsolutePath().normalize();
        this.probe = probe;
        this.clock = clock;
        this.stopGrace = stopGrace;
    }

    public LocalDeploymentTarget(Path root, HealthProbe probe, Clock clock) {
        this(root, probe, clock, Duration.ofSeconds(5));
    }

    /** Keeps its state under {@code .slipway/} in the working directory. */
    public LocalDeploymentTarget(HealthProbe probe, Clock clock) {
        this(Path.of(".slipway"), probe, clock);
    }

    /**
     * How to start this very program again, from what the JVM says of itself: {@code java -jar slipway.jar} or
     * {@code java -cp ... MainClass}; empty when it cannot be told.
     */
    static Optional<List<String>> thisProgram() {
        Optional<String> java = ProcessHandle.current().info().command();
        String command = System.getProperty("sun.java.command", "").strip();
        if (java.isEmpty() || command.isEmpty()) return Optional.empty();
        String first = command.split(" ", 2)[0];
        List<String> jvm = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx48m", "-Xss512k");
        List<String> argv = new ArrayList<>();
        argv.add(java.get());
        argv.addAll(jvm);
        if (first.endsWith(".jar")) {
            argv.addAll(List.of("-jar", first));
        } else {
            argv.addAll(List.of("-cp", System.getProperty("java.class.path", ""), first));
        }
        return Optional.of(argv);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> validate(Service service, Environment environment) {
        List<String> problems = new ArrayList<>();
        if (!TYPE.equals(environment.target().type())) {
            problems.add("%s/%s runs on target '%s', not on the local target".formatted(service.name(), environment.name(), environment.target().type()));
        }
        problems.addAll(LocalSettings.problems(environment.target()));
        return problems;
    }

    @Override
    public String prepare(Service service, Environment environment, Release release, ReleaseSource source, StepContext step) {
        Path directory = releaseDirectory(service.name(), release.tag());
        try {
            if (Files.isDirectory(directory)) {
                step.report("%s is already on this machine at %s".formatted(release.tag(), directory));
                return directory.toString();
            }
            Files.createDirectories(directory.getParent());
            // Written aside and moved in one rename, so a crash leaves a hidden partial directory and never half a release.
            Path partial = Files.createTempDirectory(directory.getParent(), PARTIAL + "pid" + ProcessHandle.current().pid() + "-" + directory.getFileName() + "-");
            try {
                step.report("writing %s into %s".formatted(release.tag(), directory));
                source.writeTo(partial);
                try {
                    Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    if (!Files.isDirectory(directory)) throw e;
                    deleteTree(partial);
                }
            } catch (IOException | RuntimeException e) {
                try {
                    deleteTree(partial);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return directory.toString();
        } catch (IOException e) {
            throw failure("prepare %s in %s".formatted(release.tag(), directory), e);
        }
    }

    /**
     * Starts the release on the slot the running one does not use, waits for its health, then stops the old one.
     * What runs is read from the environment's state file rather than taken from {@code current}: the file knows the
     * pid, and it is right even when the registry is behind (a run that crashed after the switch).
     */
    @Override
    public Rollout rollOut(Service service, Environment environment, Release release, Optional<Release> current, StepContext step) {
        LocalSettings settings = LocalSettings.of(environment.target());
        String where = service.name() + "/" + environment.name();
        Path stateFile = stateFile(service.name(), environment.name());
        Path startingFile = startingFile(service.name(), environment.name());
        Optional<ProcessHandle> old = Optional.empty();
        String oldServing = "nothing else runs";
        Process process = null;
        try {
            fence(step, where, null);
            RunState state = RunState.read(stateFile);
            old = state.current().flatMap(Instance::process);
            stopLeftovers(state, startingFile, step);
            if (old.isPresent() && state.current().get().tag().equals(release.tag())) {
                Instance running = state.current().get();
                String detail = "%s already runs in %s as pid %d on port %d; nothing to change".formatted(release.tag(), where, running.pid(), running.port());
                step.report(detail, 1.0);
                return Rollout.succeeded(detail, Optional.of(endpoint(running.port())), List.of(new InstanceResult(name(running), true, "already running")));
            }
            if (old.isPresent()) oldServing = "%s still serves on port %d".formatted(state.current().get().tag(), state.current().get().port());
            Path directory = releaseDirectory(service.name(), release.tag());
            if (!Files.isDirectory(directory)) {
                return Rollout.failed("%s is not on this machine (%s is missing): prepare it first; %s".formatted(release.tag(), directory, oldServing), old.isPresent(), List.of());
            }
            Path workdir = settings.workdir().map(directory::resolve).orElse(directory);
            if (!Files.isDirectory(workdir)) {
                return Rollout.failed("%s has no directory '%s' to run in (setting 'workdir'); %s".formatted(release.tag(), settings.workdir().orElseThrow(), oldServing), old.isPresent(), List.of());
            }
            int slot = old.isPresent() && state.current().get().port() == settings.port() ? settings.port() + 1 : settings.port();
            if (!portFree(slot)) {
                return Rollout.failed("port %d is taken by a process Slipway did not start for %s, so %s cannot start there: stop that process or change 'port'; %s"
                        .formatted(slot, where, release.tag(), oldServing), old.isPresent(), List.of());
            }
            Path log = logFile(service.name(), environment.name(), release.tag());
            long logStart = writeLogHeader(log, release, where, settings, slot);
            process = start(service, environment, release, settings.command(), workdir, slot, log);
            Instance starting = new Instance(release.tag(), process.pid(), process.toHandle().info().startInstant(), slot, log);
            RunState.writeStarting(starting, startingFile);
            step.remember("pid", Long.toString(process.pid()));
            step.remember("port", Integer.toString(slot));
            step.remember("log", log.toString());
            step.report("started %s as pid %d on port %d (%s); checking its health".formatted(release.tag(), process.pid(), slot, settings.command()));
            Wait wait = awaitHealth(process, endpoint(slot), environment.healthCheck(), step);
            if (!(wait instanceof Wait.Healthy healthy)) {
                String stopped = stop(process.toHandle());
                fence(step, where, null);
                state.attempted(release.tag()).write(stateFile);
                Files.deleteIfExists(startingFile);
                boolean stillServing = old.isPresent() && Instance.runs(old.get());
                String detail = "%s %s; %s; %s\n%s".formatted(release.tag(), wait.describe(slot), stopped,
                        stillServing ? oldServing : "nothing else runs", excerpt(log, logStart));
                step.report(detail.lines().findFirst().orElse(detail));
                return Rollout.failed(detail, stillServing, List.of(new InstanceResult(name(starting), false, wait.describe(slot))));
            }
            fence(step, where, process);
            // From here on the new release is the one that runs, whatever happens to the old one.
            state.switchedTo(starting).write(stateFile);
            process = null;
            Files.deleteIfExists(startingFile);
            if (settings.proxyPort().isPresent()) switchProxy(service, environment, settings.proxyPort().get(), slot, old.isPresent(), step);
            return finishSwitch(service, environment, settings, state, starting, old, healthy.health(), step);
        } catch (LeaseTakenOver e) {
            // The files belong to the process that took over now: touch none of them.
            throw e;
        } catch (IOException | RuntimeException e) {
            // Nothing was switched: stop what this run started, and say whether the old release still serves.
            String stopped = "";
            if (process != null && Instance.runs(process.toHandle())) stopped = "; stopped the new release (" + stop(process.toHandle()) + ")";
            if (process != null) {
                try {
                    Files.deleteIfExists(startingFile);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            if (e instanceof RuntimeException unexpected) throw unexpected;
            IOException io = (IOException) e;
            boolean stillServing = old.isPresent() && Instance.runs(old.get());
            String detail = "could not roll out %s to %s: %s%s; %s".formatted(release.tag(), where, failure("write its state", io).getMessage(), stopped,
                    stillServing ? oldServing + ", untouched" : "nothing else runs");
            step.report(detail);
            return Rollout.failed(detail, stillServing, List.of());
        }
    }

    /**
     * Points the stable proxy port at {@code slot} (the release that just passed its health check), starting the
     * forwarder when none runs, then gives connections the old release still serves a moment before it is stopped. A
     * forwarder that cannot start is told in the step, not a failed roll-out: the release itself runs and is healthy.
     */
    private void switchProxy(Service service, Environment environment, int proxyPort, int slot, boolean oldRuns, StepContext step) throws IOException {
        Path upstream = upstreamFile(service.name(), environment.name());
        Files.createDirectories(upstream.getParent());
        Path written = Files.createTempFile(upstream.getParent(), ".upstream-", ".tmp");
        Files.writeString(written, slot + "\n", StandardCharsets.UTF_8);
        Files.move(written, upstream, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path forwarderFile = forwarderFile(service.name(), environment.name());
        Optional<Instance> recorded = RunState.readStarting(forwarderFile);
        if (recorded.filter(f -> f.port() == proxyPort).flatMap(Instance::process).isPresent()) {
            step.report("port %d now forwards to %d".formatted(proxyPort, slot));
            if (oldRuns) sleep(PROXY_DRAIN);
            return;
        }
        recorded.flatMap(Instance::process).ifPresent(this::stop);
        if (forwarder.isEmpty()) {
            step.report("no way to start the forwarder for proxy-port %d from this process; the release serves on port %d".formatted(proxyPort, slot));
            return;
        }
        if (!portFree(proxyPort)) {
            step.report("proxy-port %d is taken by a process Slipway did not start; the release serves on port %d".formatted(proxyPort, slot));
            return;
        }
        Path log = root.resolve("logs").resolve(service.name()).resolve(environment.name()).resolve("proxy.log");
        Files.createDirectories(log.getParent());
        List<String> argv = new ArrayList<>(List.of("setsid", "--wait", "--"));
        argv.addAll(forwarder.get());
        argv.addAll(List.of(PortForwarder.MODE, Integer.toString(proxyPort), upstream.toString()));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(upstream.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true);
        Map<String, String> variables = builder.environment();
        variables.keySet().removeIf(name -> !PASSED_VARIABLES.contains(name) && !name.startsWith("JAVA"));
        Process started = builder.start();
        RunState.writeStarting(new Instance("proxy", started.pid(), started.toHandle().info().startInstant(), proxyPort, log), forwarderFile);
        for (int waited = 0; waited < 100 && portFree(proxyPort) && started.isAlive(); waited++) sleep(Duration.ofMillis(100));
        step.remember("proxy-port", Integer.toString(proxyPort));
        step.report(started.isAlive() ? "started the forwarder on port %d (pid %d), forwarding to %d".formatted(proxyPort, started.pid(), slot)
                : "the forwarder for port %d stopped at once; see %s".formatted(proxyPort, log));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Checks, before the target writes a file that the environment's lock holder owns, that this process still holds
     * that lock. When another process took it over (this one was paused past its lease), the release this run started
     * is stopped, nothing is written, and the roll-out ends saying so.
     */
    private void fence(StepContext step, String where, Process started) {
        if (step.stillHolds()) return;
        String stopped = "";
        if (started != null && Instance.runs(started.toHandle())) stopped = ", " + stop(started.toHandle()) + " that it had started,";
        throw new LeaseTakenOver(where, "this process lost its lock on %s to another process%s and wrote nothing more".formatted(where, stopped));
    }

    /** Another process holds the environment's lock now; this one must leave its files alone. */
    static final class LeaseTakenOver extends OutsideSystemFailure {
        LeaseTakenOver(String where, String message) {
            super(SYSTEM, "roll out to " + where, false, message);
        }
    }

    @Override
    public boolean canRestore(Service service, Environment environment, Release release) {
        return Files.isDirectory(releaseDirectory(service.name(), release.tag()));
    }

    @Override
    public Optional<Running> running(Service service, Environment environment) {
        try {
            RunState state = RunState.read(stateFile(service.name(), environment.name()));
            return state.current().map(instance -> {
                boolean alive = instance.process().isPresent();
                Optional<Integer> proxy = proxyPortOf(environment);
                String detail = alive
                        ? "pid %d on port %d%s; log %s".formatted(instance.pid(), instance.port(),
                        proxy.map(p -> ", behind proxy-port " + p).orElse(""), instance.log())
                        : "pid %d (port %d) is no longer running; its log is %s".formatted(instance.pid(), instance.port(), instance.log());
                return new Running(instance.tag(), Optional.of(endpoint(proxy.orElse(instance.port()))), alive, detail);
            });
        } catch (IOException e) {
            throw failure("read what runs in %s/%s".formatted(service.name(), environment.name()), e);
        }
    }

    /**
     * Stops the old release and removes releases the environment no longer keeps, once the new one is recorded as
     * running. Neither can undo the switch, so a failure here is told in the detail instead of failing the roll-out.
     */
    private Rollout finishSwitch(Service service, Environment environment, LocalSettings settings, RunState before, Instance started,
                                 Optional<ProcessHandle> old, Health health, StepContext step) {
        StringBuilder detail = new StringBuilder("%s runs as pid %d on port %d: %s".formatted(started.tag(), started.pid(), started.port(), health.detail()));
        // The switch is recorded: a process that took over meanwhile finds this release as the current one and replaces it.
        fence(step, service.name() + "/" + environment.name(), null);
        if (old.isPresent()) {
            String oldTag = before.current().orElseThrow().tag();
            step.report("%s is healthy; stopping %s (pid %d)".formatted(started.tag(), oldTag, old.get().pid()));
            try {
                detail.append("; ").append(stop(old.get())).append(" (").append(oldTag).append(')');
            } catch (OutsideSystemFailure e) {
                detail.append("; could not stop %s: %s".formatted(oldTag, e.getMessage()));
            }
        }
        try {
            List<String> pruned = prune(service, environment, settings.keep(), RunState.read(stateFile(service.name(), environment.name())));
            if (!pruned.isEmpty()) detail.append("; removed old releases ").append(String.join(", ", pruned));
        } catch (IOException e) {
            detail.append("; could not remove old releases: ").append(e.getMessage());
        }
        step.report(detail.toString(), 1.0);
        return Rollout.succeeded(detail.toString(), Optional.of(endpoint(started.port())), List.of(new InstanceResult(name(started), true, health.detail())));
    }

    /**
     * Stops what an interrupted run left behind: a release still starting, or a previous release it had not stopped yet.
     * Without this a crash mid roll-out would hold one of the two ports for good.
     */
    private void stopLeftovers(RunState state, Path startingFile, StepContext step) throws IOException {
        Optional<Instance> starting = RunState.readStarting(startingFile);
        List<Instance> leftovers = new ArrayList<>();
        starting.ifPresent(leftovers::add);
        state.previous().ifPresent(leftovers::add);
        long currentPid = state.current().map(Instance::pid).orElse(-1L);
        for (Instance leftover : leftovers) {
            if (leftover.pid() == currentPid) continue;
            Optional<ProcessHandle> process = leftover.process();
            if (process.isPresent()) {
                step.report("%s (pid %d on port %d) was left running by an interrupted roll-out; stopping it".formatted(leftover.tag(), leftover.pid(), leftover.port()));
                stop(process.get());
            }
        }
        Files.deleteIfExists(startingFile);
    }

    private Process start(Service service, Environment environment, Release release, CommandLine command, Path workdir, int port, Path log) {
        List<String> argv = new ArrayList<>(List.of("setsid", "--wait", "--"));
        argv.addAll(command.argv());
        // A new session: the release outlives the CLI that started it and never receives the terminal's Ctrl-C.
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workdir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> variables = builder.environment();
        Map<String, String> own = new HashMap<>(variables);
        variables.clear();
        for (String name : PASSED_VARIABLES) {
            String value = own.get(name);
            if (value != null) variables.put(name, value);
        }
        variables.put("PORT", Integer.toString(port));
        variables.put("SLIPWAY_SERVICE", service.name());
        variables.put("SLIPWAY_ENVIRONMENT", environment.name());
        variables.put("SLIPWAY_VERSION", release.tag());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new OutsideSystemFailure(SYSTEM, "start " + release.tag(), false,
                    "could not run %s in %s through setsid (util-linux): %s".formatted(command, workdir, e.getMessage()), e);
        }
    }

    /** Probes the new release while watching its process, so that a release that exits is reported at once. */
    private Wait awaitHealth(Process process, URI endpoint, HealthCheck check, StepContext step) {
        CompletableFuture<Health> probing = new CompletableFuture<>();
        Thread prober = Thread.ofVirtual().name("health of pid " + process.pid()).start(() -> {
            try {
                probing.complete(probe.probe(endpoint, check, step));
            } catch (RuntimeException e) {
                probing.completeExceptionally(e);
            }
        });
        Duration left = Duration.between(clock.now(), step.deadline());
        boolean interrupted = false;
        try {
            CompletableFuture.anyOf(probing, process.onExit()).get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            // the probe failing or the deadline passing are both told apart below
        }
        if (!probing.isDone()) {
            prober.interrupt();
            joinQuietly(prober);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            return new Wait.Interrupted();
        }
        if (!process.isAlive()) return new Wait.Exited(process.exitValue());
        if (!probing.isDone()) return new Wait.TimedOut(step.deadline().toString());
        if (probing.isCompletedExceptionally()) {
            String why = probing.handle((health, failure) -> failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage()).join();
            return new Wait.Unhealthy(new Health(false, 0, "the health probe failed: " + why, Optional.empty()));
        }
        Health health = probing.join();
        return health.healthy() ? new Wait.Healthy(health) : new Wait.Unhealthy(health);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends SIGTERM to the process and what it started, waits, then kills what is left; answers what happened. */
    private String stop(ProcessHandle process) {
        List<ProcessHandle> family = new ArrayList<>();
        family.add(process);
        family.addAll(process.descendants().toList());
        family.forEach(ProcessHandle::destroy);
        boolean gentle = exited(process, stopGrace);
        if (!gentle) {
            family.stream().filter(Instance::runs).forEach(ProcessHandle::destroyForcibly);
            exited(process, KILL_WAIT);
        }
        family.stream().skip(1).filter(Instance::runs).forEach(ProcessHandle::destroyForcibly);
        if (Instance.runs(process)) {
            throw new OutsideSystemFailure(SYSTEM, "stop pid " + process.pid(), true, "pid %d is still alive after SIGKILL".formatted(process.pid()));
        }
        return gentle ? "stopped pid %d".formatted(process.pid()) : "killed pid %d, which ignored SIGTERM for %ss".formatted(process.pid(), stopGrace.toSeconds());
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !Instance.runs(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !Instance.runs(process);
        }
    }

    /**
     * Deletes the release directories this environment no longer keeps: those past the newest {@code keep} in its
     * history, unless it still runs them or may roll back to them, or another environment of the service needs them.
     */
    private List<String> prune(Service service, Environment environment, int keep, RunState state) throws IOException {
        Set<String> needed = neededByOtherEnvironments(service, environment);
        state.current().map(Instance::tag).ifPresent(needed::add);
        state.previous().map(Instance::tag).ifPresent(needed::add);
        List<String> history = state.history();
        List<String> pruned = new ArrayList<>();
        for (String tag : history.subList(Math.min(keep, history.size()), history.size())) {
            Path directory = releaseDirectory(service.name(), tag);
            if (needed.contains(tag) || !Files.isDirectory(directory)) continue;
            deleteTree(directory);
            pruned.add(tag);
        }
        List<String> kept = new ArrayList<>(history.subList(0, Math.min(keep, history.size())));
        // The previous release stays listed so that it is pruned in turn once it is no longer the previous one.
        state.previous().map(Instance::tag).filter(tag -> !kept.contains(tag)).ifPresent(kept::add);
        state.withHistory(kept).write(stateFile(service.name(), environment.name()));
        needed.addAll(kept);
        pruned.addAll(removeOrphans(service.name(), needed));
        removeStalePartials(service.name());
        return pruned;
    }

    /**
     * Deletes the release directories that no environment's state lists, whatever became of their deployment (one
     * interrupted between its artifact and its roll-out leaves such a directory), once they are older than the grace.
     */
    private List<String> removeOrphans(String service, Set<String> needed) throws IOException {
        Path releases = root.resolve("releases").resolve(service);
        if (!Files.isDirectory(releases)) return List.of();
        Set<String> neededNames = needed.stream().map(LocalDeploymentTarget::fileName).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(releases, path -> Files.isDirectory(path) && !path.getFileName().toString().startsWith("."))) {
            for (Path directory : directories) {
                String name = directory.getFileName().toString();
                if (neededNames.contains(name)) continue;
                if (Files.getLastModifiedTime(directory).toInstant().plus(ORPHAN_GRACE).isAfter(clock.now())) continue;
                deleteTree(directory);
                removed.add(name);
            }
        }
        return removed;
    }

    private Set<String> neededByOtherEnvironments(Service service, Environment environment) throws IOException {
        Set<String> needed = new HashSet<>();
        Path runs = root.resolve("run").resolve(service.name());
        if (!Files.isDirectory(runs)) return needed;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*.{state,starting}")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String other = fileName.substring(0, fileName.lastIndexOf('.'));
                if (fileName.endsWith(".starting")) {
                    RunState.readStarting(file).map(Instance::tag).ifPresent(needed::add);
                    continue;
                }
                if (other.equals(environment.name())) continue;
                RunState state = RunState.read(file);
                state.current().map(Instance::tag).ifPresent(needed::add);
                state.previous().map(Instance::tag).ifPresent(needed::add);
                int keep = service.environment(other).filter(e -> TYPE.equals(e.target().type()))
                        .map(e -> LocalSettings.keepOf(e.target())).orElse(LocalSettings.DEFAULT_KEEP);
                needed.addAll(state.history().subList(0, Math.min(keep, state.history().size())));
            }
        }
        return needed;
    }

    private void removeStalePartials(String service) throws IOException {
        Path releases = root.resolve("releases").resolve(service);
        if (!Files.isDirectory(releases)) return;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(releases, PARTIAL + "*")) {
            for (Path partial : partials) {
                var ofProcess = PARTIAL_OF_PROCESS.matcher(partial.getFileName().toString());
                boolean abandoned = ofProcess.matches()
                        ? ProcessHandle.of(Long.parseLong(ofProcess.group(1))).filter(ProcessHandle::isAlive).isEmpty()
                        : Files.getLastModifiedTime(partial).toInstant().plus(STALE_PARTIAL).isBefore(clock.now());
                if (abandoned) deleteTree(partial);
            }
        }
    }

    private long writeLogHeader(Path log, Release release, String where, LocalSettings settings, int port) throws IOException {
        Files.createDirectories(log.getParent());
        if (Files.notExists(log) && log.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // A release's log may hold what its process prints: readable by the user that runs Slipway only.
            Files.createFile(log, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        String header = "=== slipway %s: starting %s of %s on port %d: %s ===%n".formatted(clock.now(), release.tag(), where, port, settings.command());
        Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return Files.size(log);
    }

    /**
     * What the release wrote since {@code from}, to quote in a failure: all of it when short, otherwise its first lines
     * (where start-up errors are) and its last ones (where it ended), each read from a bounded window of the file.
     */
    private static String excerpt(Path log, long from) {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long size = channel.size();
            List<String> lines = new ArrayList<>();
            if (size - from <= EXCERPT_WINDOW) {
                List<String> all = read(channel, from, size).lines().toList();
                if (all.size() <= HEAD_LINES + TAIL_LINES) {
                    lines.addAll(all);
                } else {
                    lines.addAll(all.subList(0, HEAD_LINES));
                    lines.add("...");
                    lines.addAll(all.subList(all.size() - TAIL_LINES, all.size()));
                }
            } else {
                List<String> head = read(channel, from, from + EXCERPT_WINDOW / 2).lines().toList();
                List<String> tail = read(channel, size - EXCERPT_WINDOW / 2, size).lines().toList();
                // The windows cut lines in two: drop the head's last line and the tail's first one.
                lines.addAll(head.subList(0, Math.min(HEAD_LINES, Math.max(0, head.size() - 1))));
                lines.add("...");
                lines.addAll(tail.subList(Math.max(1, tail.size() - TAIL_LINES), tail.size()));
            }
            if (lines.isEmpty()) return "it wrote nothing to " + log;
            return "from %s:%n%s".formatted(log, lines.stream().map(line -> "  " + line).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            return "could not read %s: %s".formatted(log, e.getMessage());
        }
    }

    private static String read(SeekableByteChannel channel, long from, long to) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, to - from));
        channel.position(from);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) break;
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Lets the check ignore connections lingering in TIME_WAIT; a listening process still makes bind fail.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) return;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException e) {
                    // already gone, which is what we want
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static String name(Instance instance) {
        return "pid %d on port %d".formatted(instance.pid(), instance.port());
    }

    private Path releaseDirectory(String service, String tag) {
        return root.resolve("releases").resolve(service).resolve(fileName(tag));
    }

    private Path logFile(String service, String environment, String tag) {
        return root.resolve("logs").resolve(service).resolve(environment).resolve(fileName(tag) + ".log");
    }

    private Path stateFile(String service, String environment) {
        return root.resolve("run").resolve(service).resolve(environment + ".state");
    }

    private static Optional<Integer> proxyPortOf(Environment environment) {
        try {
            return LocalSettings.of(environment.target()).proxyPort();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Path upstreamFile(String service, String environment) {
        return root.resolve("run").resolve(service).resolve(environment + ".upstream");
    }

    private Path forwarderFile(String service, String environment) {
        return root.resolve("run").resolve(service).resolve(environment + ".forwarder");
    }

    private Path startingFile(String service, String environment) {
        return root.resolve("run").resolve(service).resolve(environment + ".starting");
    }

    /**
     * A tag as one file name: letters, digits, '-', '_' and inner dots stay, anything else (a '/' in release/1.0,
     * a leading dot) becomes %XX, so a tag can never climb out of its directory or hide as a dot file.
     */
    static String fileName(String tag) {
        StringBuilder name = new StringBuilder();
        byte[] bytes = tag.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '.' && i > 0;
            if (plain) name.append((char) b);
            else name.append('%').append(String.format("%02X", b));
        }
        return name.toString();
    }

    private static OutsideSystemFailure failure(String action, IOException e) {
        String message = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + e.getMessage()
                : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists: " + e.getMessage()
                : e.getMessage() == null ? "an input/output error without a reason given" : e.getMessage();
        return new OutsideSystemFailure(SYSTEM, action, false, message, e);
    }

    /** How waiting for a new release's health ended. */
    private sealed interface Wait {

        /** Why the release did not take over, as a phrase that follows its tag. */
        String describe(int port);

        record Healthy(Health health) implements Wait {
            public String describe(int port) {
                return "became healthy on port %d: %s".formatted(port, health.detail());
            }
        }

        record Unhealthy(Health health) implements Wait {
            public String describe(int port) {
                return "did not become healthy on port %d: %s".formatted(port, health.detail());
            }
        }

        record Exited(int status) implements Wait {
            public String describe(int port) {
                return "exited with status %d before it became healthy on port %d".formatted(status, port);
            }
        }

        record TimedOut(String deadline) implements Wait {
            public String describe(int port) {
                return "was not healthy on port %d when the deployment's deadline %s passed".formatted(port, deadline);
            }
        }

        record Interrupted() implements Wait {
            public String describe(int port) {
                return "was still starting on port %d when Slipway was interrupted".formatted(port);
            }
        }
    }
}
