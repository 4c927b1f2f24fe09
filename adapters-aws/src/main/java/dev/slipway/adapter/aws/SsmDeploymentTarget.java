package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.BundleStore;
import dev.slipway.application.port.out.BundleStore.Bundle;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Names;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code ec2-ssm} target: releases run on EC2 instances as systemd units started by the Slipway agent. Preparing
 * readies the image in ECR and uploads the release's deploy bundle to S3; rolling out checks that every instance's SSM
 * agent is online, then sends {@code AWS-RunShellScript} (at most 50 instances per command) that downloads the bundle
 * and runs the agent, and follows each instance's invocation. User-supplied values reach the instance only as
 * positional arguments of a fixed script, after strict checks; they are never part of the script's text.
 */
public final class SsmDeploymentTarget implements DeploymentTarget {

    static final String SYSTEM = "SSM";
    static final int MOST_INSTANCES_PER_COMMAND = 50;
    static final String DOCUMENT = "AWS-RunShellScript";
    /** The state directory the agent keeps per service and environment on each instance. */
    static final String AGENT_ROOT = "/opt/slipway";
    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9._:/@-]{1,300}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int TAIL = 400;
    /** How long reading the running version may take when the caller gives no bound (verification). */
    static final Duration VERSION_READ = Duration.ofSeconds(30);

    private final SsmClient ssm;
    private final Ec2Client ec2;
    private final BundleStore bundles;
    private final ReleaseImage images;
    private final ArtifactRegistry registry;
    private final Clock clock;
    private final Duration pollInterval;

    public SsmDeploymentTarget(SsmClient ssm, Ec2Client ec2, ArtifactRegistry registry, BundleStore bundles, Clock clock, Duration pollInterval) {
        this(ssm, ec2, registry, bundles, List.of(), clock, pollInterval);
    }

    /** With {@code triggers}, an environment's {@code build} setting starts its build before the image is looked for. */
    public SsmDeploymentTarget(SsmClient ssm, Ec2Client ec2, ArtifactRegistry registry, BundleStore bundles, List<BuildTrigger> triggers, Clock clock, Duration pollInterval) {
        this.ssm = ssm;
        this.ec2 = ec2;
        this.registry = registry;
        this.bundles = bundles;
        this.images = new ReleaseImage(registry, pollInterval, triggers);
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @Override
    public String type() {
        return SsmSettings.TYPE;
    }

    @Override
    public List<String> validate(Service service, Environment environment) {
        List<String> problems = new ArrayList<>(SsmSettings.problems(environment));
        if (!Names.isValid(service.name())) problems.add("service name '%s' is not allowed".formatted(service.name()));
        return problems;
    }

    /** Refuses anything user-supplied that is not strictly a name or a tag, before any AWS call. */
    private static void checkRelease(Service service, Environment environment, Release release) {
        Names.require("service", service.name());
        Names.require("environment", environment.name());
        if (!TAG.matcher(release.tag()).matches()) {
            throw new IllegalArgumentException("release tag '%s' is not allowed: use letters, digits, '.', '_' and '-'".formatted(release.tag()));
        }
    }

    @Override
    public String prepare(Service service, Environment environment, Release release, ReleaseSource source, StepContext step) {
        checkRelease(service, environment, release);
        SsmSettings settings = SsmSettings.of(environment);
        images.build(settings.repositoryName(), release, settings.promoteFrom(), settings.build(), step);
        ArtifactRegistry.Image image = images.ready(settings.repositoryName(), release, settings.promoteFrom(),
                settings.imageWait(), clock.now(), step);
        Bundle bundle = bundles.store(new BundleStore.Contents(settings.bucket(), environment.name(), release.tag(), Map.of(
                "slipway-agent.sh", resource("slipway-agent.sh"),
                "slipway.service.template", resource("slipway.service.template"),
                ".env.example", envExample(source, settings.envExample()),
                "VERSION", release.tag() + "\n")));
        step.remember("bundle", bundle.address());
        step.report("uploaded %s (%d bytes)".formatted(bundle.address(), bundle.size()));
        return "%s@%s".formatted(settings.imageRepository(), image.digest());
    }

    private static String resource(String name) {
        try (InputStream in = SsmDeploymentTarget.class.getResourceAsStream("/dev/slipway/deploy/" + name)) {
            if (in == null) throw new IllegalStateException("the build lost " + name + " from deploy/agent");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String envExample(ReleaseSource source, String path) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("slipway-bundle-");
            source.writeTo(dir);
            Path file = dir.resolve(path).normalize();
            return file.startsWith(dir) && Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + " of the release", e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    @Override
    public Rollout rollOut(Service service, Environment environment, Release release, Optional<Release> current, StepContext step) {
        checkRelease(service, environment, release);
        SsmSettings settings = SsmSettings.of(environment);
        List<String> script = List.of(
                "set -eu",
                "set -- " + arguments(service.name(), environment.name(), release.tag(), settings.bucket(),
                        "bundles/%s/deploy-bundle-%s.tar.gz".formatted(environment.name(), release.tag()),
                        settings.imageRepository(), Integer.toString(settings.port()), settings.healthPath()),
                "work=\"$(mktemp -d)\"",
                "trap 'rm -rf \"$work\"' EXIT",
                "aws s3 cp \"s3://$4/$5\" \"$work/bundle.tar.gz\" --only-show-errors || exit 20",
                "tar -xzf \"$work/bundle.tar.gz\" -C \"$work\" || exit 21",
                "bash \"$work/slipway-agent.sh\" deploy \"$1\" \"$2\" \"$3\" \"$6\" \"$7\" \"$8\"");
        List<String> instances;
        Optional<String> offline;
        try {
            instances = ChangedTargets.only(instances(settings), step, "instance");
            offline = offline(instances);
        } catch (OutsideSystemFailure e) {
            return Rollout.failed(e.getMessage() + "; nothing was sent", true, List.of());
        }
        if (offline.isPresent()) {
            return Rollout.failed("agent offline: " + offline.get() + "; nothing was sent", true, List.of());
        }
        List<List<String>> waves = settings.waves().split(instances);
        if (waves.size() > 1) return inWaves(waves, script, settings, "deploy %s %s to %s".formatted(service.name(), release.tag(), environment.name()), release, step);
        Map<String, Outcome> outcomes;
        try {
            outcomes = run(instances, script, settings.deliveryTimeout(), settings.executionTimeout(), settings,
                    "deploy %s %s to %s".formatted(service.name(), release.tag(), environment.name()), step);
        } catch (NothingSent e) {
            return Rollout.failed(e.getMessage() + "; nothing was sent", true, List.of());
        }
        List<InstanceResult> results = outcomes.values().stream().map(o -> new InstanceResult(o.instance(), o.kind() == Kind.SUCCEEDED, o.describe())).toList();
        List<Outcome> failed = outcomes.values().stream().filter(o -> o.kind() != Kind.SUCCEEDED).toList();
        if (failed.isEmpty()) {
            return Rollout.succeeded("%s runs on %d instance%s".formatted(release.tag(), instances.size(), instances.size() == 1 ? "" : "s"), settings.endpoint(), results);
        }
        List<Outcome> changed = outcomes.values().stream().filter(Outcome::changed).toList();
        List<Outcome> unchanged = outcomes.values().stream().filter(o -> !o.changed()).toList();
        String failures = "%d of %d instance%s failed".formatted(failed.size(), instances.size(), instances.size() == 1 ? "" : "s");
        if (changed.isEmpty()) {
            return Rollout.failed("%s and none changed: %s".formatted(failures, listed(unchanged)), true, results);
        }
        if (unchanged.isEmpty()) return Rollout.failed("%s: %s".formatted(failures, listed(failed)), false, results);
        // Only the instances that changed need bringing back; the rollback step starts with this list.
        ChangedTargets.remember(step, changed.stream().map(Outcome::instance).toList());
        return Rollout.failed("%s; changed: %s; unchanged: %s".formatted(failures, listed(changed), listed(unchanged)), false, results);
    }

    /**
     * Rolls out wave after wave: each wave's command runs the agent, which health-checks the release on each instance, and
     * the environment's gates are read before the next wave starts. The first wave that fails, or gates that fail after a
     * wave, stop the roll-out: the instances changed so far are journaled as the only ones a rollback brings back, and the
     * later waves' instances are never sent anything. Each wave's result is journaled as {@code wave N}.
     */
    private Rollout inWaves(List<List<String>> waves, List<String> script, SsmSettings settings, String comment, Release release, StepContext step) {
        List<String> changed = new ArrayList<>();
        List<InstanceResult> results = new ArrayList<>();
        int total = waves.stream().mapToInt(List::size).sum();
        for (int i = 0; i < waves.size(); i++) {
            List<String> wave = waves.get(i);
            String name = "wave %d of %d".formatted(i + 1, waves.size());
            int untouched = waves.subList(i + 1, waves.size()).stream().mapToInt(List::size).sum();
            step.report("%s: %s to %d instance%s (%s)".formatted(name, release.tag(), wave.size(), wave.size() == 1 ? "" : "s", String.join(", ", wave)),
                    (double) changed.size() / total);
            Map<String, Outcome> outcomes;
            try {
                outcomes = run(wave, script, settings.deliveryTimeout(), settings.executionTimeout(), settings, comment, step, "wave %d ssm-command-".formatted(i + 1));
            } catch (NothingSent e) {
                step.remember("wave " + (i + 1), "not sent: " + e.getMessage());
                return stopped(changed, "%s: %s; nothing was sent to it".formatted(name, e.getMessage()), untouched + wave.size(), results, step);
            }
            outcomes.values().forEach(o -> results.add(new InstanceResult(o.instance(), o.kind() == Kind.SUCCEEDED, o.describe())));
            List<Outcome> failed = outcomes.values().stream().filter(o -> o.kind() != Kind.SUCCEEDED).toList();
            outcomes.values().stream().filter(Outcome::changed).map(Outcome::instance).forEach(changed::add);
            if (!failed.isEmpty()) {
                step.remember("wave " + (i + 1), "failed on %d of %d: %s".formatted(failed.size(), wave.size(), String.join(", ", failed.stream().map(Outcome::instance).toList())));
                return stopped(changed, "%s failed: %d of %d instance%s failed: %s".formatted(name, failed.size(), wave.size(), wave.size() == 1 ? "" : "s", listed(failed)),
                        untouched + (int) outcomes.values().stream().filter(o -> !o.changed()).count(), results, step);
            }
            if (i < waves.size() - 1) {
                Optional<String> gate = step.checkGates();
                if (gate.isPresent()) {
                    step.remember("wave " + (i + 1), "succeeded on %d instance%s; then %s".formatted(wave.size(), wave.size() == 1 ? "" : "s", gate.get()));
                    return stopped(changed, "stopped after %s: %s".formatted(name, gate.get()), untouched, results, step);
                }
            }
            step.remember("wave " + (i + 1), "succeeded on %d instance%s: %s".formatted(wave.size(), wave.size() == 1 ? "" : "s", String.join(", ", wave)));
            step.report("%s done: %s runs on %d of %d instances".formatted(name, release.tag(), changed.size(), total), (double) changed.size() / total);
        }
        return Rollout.succeeded("%s runs on %d instance%s, in %d waves".formatted(release.tag(), total, total == 1 ? "" : "s", waves.size()), settings.endpoint(), results);
    }

    /** A roll-out in waves that stopped: nothing changed yet leaves the previous release serving; otherwise only the changed instances are to be brought back. */
    private static Rollout stopped(List<String> changed, String why, int untouched, List<InstanceResult> results, StepContext step) {
        if (changed.isEmpty()) return Rollout.failed(why + "; no instance changed", true, results);
        ChangedTargets.remember(step, changed);
        return Rollout.failed("%s; changed: %s; untouched: %d instance%s".formatted(why, String.join(", ", changed), untouched, untouched == 1 ? "" : "s"), false, results);
    }

    private static String listed(List<Outcome> outcomes) {
        return outcomes.stream().limit(5).map(Outcome::describe).collect(Collectors.joining("; "))
                + (outcomes.size() > 5 ? " and %d more".formatted(outcomes.size() - 5) : "");
    }

    /** Single-quoted positional arguments; only values that already passed strict patterns get here. */
    static String arguments(String... values) {
        StringBuilder line = new StringBuilder();
        for (String value : values) {
            if (!ARGUMENT.matcher(value).matches()) throw new IllegalArgumentException("'%s' may not be passed to an instance".formatted(value));
            if (!line.isEmpty()) line.append(' ');
            line.append('\'').append(value).append('\'');
        }
        return line.toString();
    }

    /** The instance ids the settings name, in a stable order. */
    List<String> instances(SsmSettings settings) {
        if (!settings.instances().isEmpty()) return settings.instances().stream().distinct().sorted().toList();
        String[] tag = settings.instanceTag().orElseThrow();
        List<String> found = AwsCall.run("EC2", "find instances tagged %s=%s".formatted(tag[0], tag[1]), () -> ec2.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + tag[0]).values(tag[1]).build(),
                        Filter.builder().name("instance-state-name").values("running").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).distinct().sorted().toList());
        if (found.isEmpty()) throw new OutsideSystemFailure("EC2", "find instances tagged %s=%s".formatted(tag[0], tag[1]), false, "no running instance has that tag");
        return found;
    }

    /** The first instances whose SSM agent is not online, described; empty when all are online. */
    private Optional<String> offline(List<String> instances) {
        List<String> problems = List.copyOf(agentProblems(instances).values());
        if (problems.isEmpty()) return Optional.empty();
        return Optional.of(String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? " and %d more".formatted(problems.size() - 5) : ""));
    }

    /** For each instance whose SSM agent is not online, what is wrong with it, in the instances' order. */
    private Map<String, String> agentProblems(List<String> instances) {
        Map<String, String> ping = new TreeMap<>();
        for (List<String> chunk : chunks(instances)) {
            List<InstanceInformation> infos = AwsCall.run(SYSTEM, "check the SSM agents", () -> ssm.describeInstanceInformationPaginator(r -> r.filters(
                    InstanceInformationStringFilter.builder().key("InstanceIds").values(chunk).build())).instanceInformationList().stream().toList());
            infos.forEach(info -> ping.put(info.instanceId(), info.pingStatusAsString()));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        instances.stream().filter(id -> !"Online".equals(ping.get(id))).forEach(id -> problems.put(id,
                ping.containsKey(id) ? "the SSM agent on %s is %s".formatted(id, ping.get(id)) : "%s is not registered with SSM".formatted(id)));
        return problems;
    }

    static List<List<String>> chunks(List<String> instances) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < instances.size(); i += MOST_INSTANCES_PER_COMMAND) {
            chunks.add(instances.subList(i, Math.min(instances.size(), i + MOST_INSTANCES_PER_COMMAND)));
        }
        return chunks;
    }

    /** How a command went on one instance; NOT_SENT: the SendCommand meant for it failed. */
    enum Kind { SUCCEEDED, FAILED, NEVER_DELIVERED, TIMED_OUT, NOT_SENT }

    /**
     * Exit codes after which an instance still runs what it ran before: bad arguments (2), ECR login (10), pull (11), the
     * unit file (12) in the agent; the bundle's download (20) or extraction (21) in the script that starts it.
     */
    static final Set<Integer> EXITS_BEFORE_ANY_CHANGE = Set.of(2, 10, 11, 12, 20, 21);

    record Outcome(String instance, Kind kind, int exitCode, String status, String output) {
        String describe() {
            return switch (kind) {
                case SUCCEEDED -> "%s succeeded".formatted(instance);
                case FAILED -> "%s failed with exit code %d (%s)%s".formatted(instance, exitCode, status, output.isBlank() ? "" : ": " + output);
                case NEVER_DELIVERED -> "%s never received the command (%s, response code %d)".formatted(instance, status, exitCode);
                case TIMED_OUT -> "%s timed out running the command (%s)%s".formatted(instance, status, output.isBlank() ? "" : ": " + output);
                case NOT_SENT -> "%s was not sent the command (%s)".formatted(instance, status);
            };
        }

        /** Whether the instance may run something else than before: a command that never ran there, or stopped before the unit, did not change it. */
        boolean changed() {
            return switch (kind) {
                case SUCCEEDED, TIMED_OUT -> true;
                case NEVER_DELIVERED, NOT_SENT -> false;
                case FAILED -> !EXITS_BEFORE_ANY_CHANGE.contains(exitCode);
            };
        }

        /** What the journal keeps for the instance: its status and exit code, then the tail of its output. */
        String journaled() {
            return switch (kind) {
                case SUCCEEDED, FAILED -> "%s exit %d%s".formatted(status, exitCode, output.isBlank() ? "" : ": " + output);
                default -> describe();
            };
        }
    }

    /** SendCommand failed before any command went out: nothing reached any instance. */
    static final class NothingSent extends RuntimeException {
        NothingSent(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Sends {@code script} to every instance, 50 per command, and follows each invocation to its end, or to the step's
     * deadline. When the first SendCommand fails nothing was sent and {@link NothingSent} says why; a later one that fails
     * leaves its instances NOT_SENT while the commands already sent are followed.
     */
    Map<String, Outcome> run(List<String> instances, List<String> script, Duration deliveryTimeout, Duration executionTimeout, SsmSettings settings,
                             String comment, StepContext step) {
        return run(instances, script, deliveryTimeout, executionTimeout, settings, comment, step, "ssm-command-");
    }

    /** As {@link #run(List, List, Duration, Duration, SsmSettings, String, StepContext)}, journaling command ids under {@code commandKey} and a number. */
    private Map<String, Outcome> run(List<String> instances, List<String> script, Duration deliveryTimeout, Duration executionTimeout, SsmSettings settings,
                                     String comment, StepContext step, String commandKey) {
        Instant sent = clock.now();
        Map<String, String> commandOf = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new TreeMap<>();
        List<String> commandIds = new ArrayList<>();
        for (List<String> chunk : chunks(instances)) {
            String commandId;
            try {
                commandId = AwsCall.run(SYSTEM, "send the command to %d instance%s".formatted(chunk.size(), chunk.size() == 1 ? "" : "s"), () -> ssm.sendCommand(r -> r
                        .documentName(DOCUMENT)
                        .instanceIds(chunk)
                        .comment(comment.length() > 100 ? comment.substring(0, 100) : comment)
                        .maxConcurrency(settings.maxConcurrency())
                        .maxErrors(settings.maxErrors())
                        .timeoutSeconds((int) Math.max(30, deliveryTimeout.toSeconds()))
                        .parameters(Map.of("commands", script, "executionTimeout", List.of(Long.toString(Math.max(1, executionTimeout.toSeconds()))))))
                        .command().commandId());
            } catch (OutsideSystemFailure e) {
                if (commandIds.isEmpty()) throw new NothingSent(e.getMessage());
                step.remember("ssm-send-failure", e.getMessage());
                chunk.forEach(id -> outcomes.put(id, new Outcome(id, Kind.NOT_SENT, -1, e.getMessage(), "")));
                continue;
            }
            commandIds.add(commandId);
            step.remember(commandKey + commandIds.size(), commandId);
            chunk.forEach(id -> commandOf.put(id, commandId));
        }
        step.report("sent %s to %d instance%s: command%s %s".formatted(DOCUMENT, commandOf.size(), commandOf.size() == 1 ? "" : "s",
                commandIds.size() == 1 ? "" : "s", String.join(", ", commandIds)));
        Instant deliveredBy = sent.plus(deliveryTimeout);
        Instant doneBy = deliveredBy.plus(executionTimeout);
        Map<String, GetCommandInvocationResponse> lastSeen = new LinkedHashMap<>();
        while (true) {
            for (String id : instances) {
                if (outcomes.containsKey(id)) continue;
                Optional<GetCommandInvocationResponse> seen = invocation(commandOf.get(id), id);
                seen.ifPresent(s -> lastSeen.put(id, s));
                seen.flatMap(invocation -> finished(id, invocation)).ifPresent(outcome -> {
                    outcomes.put(id, outcome);
                    step.remember("instance " + id, outcome.journaled());
                    step.report(outcome.describe(), (double) outcomes.size() / instances.size());
                });
            }
            if (outcomes.size() == instances.size()) return outcomes;
            Instant now = clock.now();
            boolean pastDeadline = !now.isBefore(step.deadline());
            for (String id : instances) {
                if (outcomes.containsKey(id)) continue;
                String status = Optional.ofNullable(lastSeen.get(id)).map(GetCommandInvocationResponse::statusAsString).orElse("Pending");
                boolean undelivered = status.equals("Pending") || status.equals("Delayed");
                if (undelivered && (pastDeadline || now.isAfter(deliveredBy))) {
                    outcomes.put(id, new Outcome(id, Kind.NEVER_DELIVERED, -1, status + " after " + Duration.between(sent, now).toSeconds() + "s", ""));
                } else if (!undelivered && (pastDeadline || now.isAfter(doneBy))) {
                    outcomes.put(id, new Outcome(id, Kind.TIMED_OUT, -1, status + " after " + Duration.between(sent, now).toSeconds() + "s", tail(lastSeen.get(id))));
                }
                if (outcomes.containsKey(id)) step.remember("instance " + id, outcomes.get(id).journaled());
            }
            if (outcomes.size() == instances.size()) return outcomes;
            Duration left = Duration.between(clock.now(), step.deadline());
            try {
                clock.sleep(left.compareTo(pollInterval) < 0 && left.isPositive() ? left : pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutsideSystemFailure(SYSTEM, "follow the command", true, "interrupted while waiting");
            }
        }
    }

    private Optional<GetCommandInvocationResponse> invocation(String commandId, String instance) {
        try {
            return Optional.of(ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instance)));
        } catch (InvocationDoesNotExistException e) {
            // Right after SendCommand the invocation may not be visible yet.
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCall.failure(SYSTEM, "follow command %s on %s".formatted(commandId, instance), e);
        }
    }

    /** The outcome of a finished invocation; empty while it is still pending or running. */
    static Optional<Outcome> finished(String id, GetCommandInvocationResponse invocation) {
        String status = invocation.statusAsString();
        String details = invocation.statusDetails() == null ? status : invocation.statusDetails();
        int code = invocation.responseCode() == null ? -1 : invocation.responseCode();
        return switch (status == null ? "" : status) {
            case "Success" -> Optional.of(new Outcome(id, Kind.SUCCEEDED, code, details, tail(invocation)));
            case "Failed" -> Optional.of(new Outcome(id, code == -1 ? Kind.NEVER_DELIVERED : Kind.FAILED, code, details, tail(invocation)));
            // SSM says which timeout struck; response code -1 alone means the script never started.
            case "TimedOut" -> Optional.of(new Outcome(id, details.equals("ExecutionTimedOut") ? Kind.TIMED_OUT
                    : details.equals("DeliveryTimedOut") || code == -1 ? Kind.NEVER_DELIVERED : Kind.TIMED_OUT, code, details, tail(invocation)));
            case "Cancelled", "Cancelling" -> Optional.of(new Outcome(id, Kind.FAILED, code, details, tail(invocation)));
            default -> details.equals("Undeliverable") || details.equals("Terminated")
                    ? Optional.of(new Outcome(id, Kind.NEVER_DELIVERED, code, details, ""))
                    : Optional.empty();
        };
    }

    /** The last lines of stderr (or stdout when stderr is empty), short enough for a journal. */
    static String tail(GetCommandInvocationResponse invocation) {
        if (invocation == null) return "";
        String err = Optional.ofNullable(invocation.standardErrorContent()).orElse("").strip();
        String text = err.isEmpty() ? Optional.ofNullable(invocation.standardOutputContent()).orElse("").strip() : err;
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= TAIL ? flat : "..." + flat.substring(flat.length() - TAIL);
    }

    /** Moves the environment's latest tag ({@code latest-<env>} unless set otherwise) to the verified release's image. */
    @Override
    public String released(Service service, Environment environment, Release release, StepContext step) {
        checkRelease(service, environment, release);
        SsmSettings settings = SsmSettings.of(environment);
        return images.point(settings.repositoryName(), release, settings.latestTag(), step);
    }

    @Override
    public boolean canRestore(Service service, Environment environment, Release release) {
        checkRelease(service, environment, release);
        SsmSettings settings = SsmSettings.of(environment);
        return registry.find(settings.repositoryName(), release.tag()).isPresent()
                && bundles.find(settings.bucket(), environment.name(), release.tag()).isPresent();
    }

    /** What runs, as {@link #running(Service, Environment, Instant)}, with {@link #VERSION_READ} to answer (verification). */
    @Override
    public Optional<Running> running(Service service, Environment environment) {
        return running(service, environment, clock.now().plus(VERSION_READ));
    }

    /**
     * What runs, read from the VERSION file each instance's agent wrote, with the environment's latest build appended when
     * it has a {@code build}; that alone still answers when the target tells nothing. The read is one command per 50
     * instances with an execution timeout within the bound, followed until {@code answerBy}: an instance that has not
     * answered then is told as "unknown (no answer within 10s)", one whose agent is offline as "unknown (the SSM agent is
     * ConnectionLost)"; when none answered, this fails saying so per instance.
     */
    @Override
    public Optional<Running> running(Service service, Environment environment, Instant answerBy) {
        SsmSettings settings = SsmSettings.of(environment);
        Optional<String> build = images.latestBuild(settings.build());
        Optional<Running> running = runningOnTarget(service, environment, answerBy, build);
        if (build.isEmpty()) return running;
        return Optional.of(running.map(r -> new Running(r.tag(), r.endpoint(), r.alive(), r.detail() + "; " + build.get()))
                .orElseGet(() -> new Running("", settings.endpoint(), false, "the target reports nothing running; " + build.get())));
    }

    /** What the instances run; when none can tell, fails saying why per instance, with {@code build} (the latest build) appended. */
    private Optional<Running> runningOnTarget(Service service, Environment environment, Instant answerBy, Optional<String> build) {
        Names.require("service", service.name());
        Names.require("environment", environment.name());
        SsmSettings settings = SsmSettings.of(environment);
        long within = Math.max(1, (Duration.between(clock.now(), answerBy).toMillis() + 999) / 1000);
        List<String> instances = instances(settings);
        Map<String, List<String>> unknown = new TreeMap<>();
        Map<String, String> offline = agentProblems(instances);
        offline.forEach((id, problem) -> unknown.computeIfAbsent("unknown (%s)".formatted(problem.replace(" on " + id, "").replace(id + " is ", "")), r -> new ArrayList<>()).add(id));
        List<String> online = instances.stream().filter(id -> !offline.containsKey(id)).toList();
        List<String> script = List.of("set -eu", "set -- " + arguments(AGENT_ROOT, service.name(), environment.name()), "cat \"$1/$2-$3/VERSION\"");
        Map<String, Outcome> outcomes = Map.of();
        try {
            if (!online.isEmpty()) {
                outcomes = run(online, script, settings.deliveryTimeout(), Duration.ofSeconds(within), settings,
                        "version of %s in %s".formatted(service.name(), environment.name()), StepContext.quiet(answerBy));
            }
        } catch (NothingSent e) {
            throw new OutsideSystemFailure(SYSTEM, "read the running version", true, e.getMessage());
        }
        boolean outOfTime = !clock.now().isBefore(answerBy);
        Map<String, List<String>> byVersion = new TreeMap<>();
        List<String> nothing = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            switch (o.kind()) {
                case SUCCEEDED -> {
                    if (o.output().isBlank()) nothing.add(o.instance());
                    else byVersion.computeIfAbsent(o.output().strip(), v -> new ArrayList<>()).add(o.instance());
                }
                // cat found no VERSION: the agent never finished a deployment of this service there.
                case FAILED -> nothing.add(o.instance());
                default -> unknown.computeIfAbsent(outOfTime && o.exitCode() == -1 && o.status().contains(" after ")
                        ? "unknown (no answer within %ds)".formatted(within) : "unknown (%s)".formatted(o.status()), r -> new ArrayList<>()).add(o.instance());
            }
        }
        List<String> unanswered = unknown.entrySet().stream().map(e -> "%s on %s".formatted(e.getKey(), String.join(", ", e.getValue()))).toList();
        if (byVersion.isEmpty()) {
            if (unknown.isEmpty()) return Optional.empty();
            throw new OutsideSystemFailure(SYSTEM, "read the running version of %s in %s".formatted(service.name(), environment.name()), true,
                    String.join("; ", unanswered) + (nothing.isEmpty() ? "" : "; nothing on " + String.join(", ", nothing)) + build.map(b -> "; " + b).orElse(""));
        }
        String tag = byVersion.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
        boolean agreed = byVersion.size() == 1 && byVersion.get(tag).size() == instances.size();
        List<String> parts = new ArrayList<>(byVersion.entrySet().stream().map(e -> e.getKey() + " on " + String.join(", ", e.getValue())).toList());
        parts.addAll(unanswered);
        if (!nothing.isEmpty()) parts.add("nothing on " + String.join(", ", nothing));
        String detail = agreed ? "%d instance%s run %s".formatted(instances.size(), instances.size() == 1 ? "" : "s", tag)
                : (byVersion.size() > 1 ? "instances disagree: " : "") + String.join("; ", parts);
        return Optional.of(new Running(tag, settings.endpoint(), agreed, detail));
    }
}
