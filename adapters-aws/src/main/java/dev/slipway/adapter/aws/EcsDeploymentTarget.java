package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Names;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code ecs} target: each of the environment's services gets a task definition revision that differs from the one
 * it runs only in the image of its release containers, then update-service; the roll-out waits until every new
 * deployment's {@code rolloutState} is COMPLETED, within its own timeout, and fails fast on FAILED (the circuit breaker)
 * or, without {@code circuit-breaker: true}, as soon as the new deployment's tasks stop, quoting the first stopped task's
 * reason; with it, the breaker ECS enables on the service (its own rollback off) decides when tasks failed too often. Bringing back an earlier release reuses its revision when that is still ACTIVE.
 */
public final class EcsDeploymentTarget implements DeploymentTarget {

    static final String SYSTEM = "ECS";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** How many recent ACTIVE revisions of a family are searched for one that already runs the release's image. */
    private static final int REVISIONS_SEARCHED = 10;

    private final EcsClient ecs;
    private final ArtifactRegistry registry;
    private final ReleaseImage images;
    private final Clock clock;
    private final Duration pollInterval;

    public EcsDeploymentTarget(EcsClient ecs, ArtifactRegistry registry, Clock clock, Duration pollInterval) {
        this(ecs, registry, List.of(), clock, pollInterval);
    }

    /** With {@code triggers}, an environment's {@code build} setting starts its build before the image is looked for. */
    public EcsDeploymentTarget(EcsClient ecs, ArtifactRegistry registry, List<BuildTrigger> triggers, Clock clock, Duration pollInterval) {
        this.ecs = ecs;
        this.registry = registry;
        this.images = new ReleaseImage(registry, pollInterval, triggers);
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @Override
    public String type() {
        return EcsSettings.TYPE;
    }

    @Override
    public List<String> validate(Service service, Environment environment) {
        return EcsSettings.problems(environment);
    }

    private static void checkRelease(Service service, Environment environment, Release release) {
        Names.require("service", service.name());
        Names.require("environment", environment.name());
        if (!TAG.matcher(release.tag()).matches()) throw new IllegalArgumentException("release tag '%s' is not allowed".formatted(release.tag()));
    }

    @Override
    public String prepare(Service service, Environment environment, Release release, ReleaseSource source, StepContext step) {
        checkRelease(service, environment, release);
        EcsSettings settings = EcsSettings.of(environment);
        images.build(settings.repositoryName(), release, settings.promoteFrom(), settings.build(), step);
        ArtifactRegistry.Image image = images.ready(settings.repositoryName(), release, settings.promoteFrom(), settings.imageWait(), clock.now(), step);
        return "%s@%s".formatted(settings.imageRepository(), image.digest());
    }

    @Override
    public Rollout rollOut(Service service, Environment environment, Release release, Optional<Release> current, StepContext step) {
        checkRelease(service, environment, release);
        EcsSettings settings = EcsSettings.of(environment);
        String image = settings.imageRepository() + ":" + release.tag();
        Map<String, String> revisionOf = new LinkedHashMap<>();
        List<String> services = ChangedTargets.only(settings.services(), step, "service");
        for (String name : services) {
            try {
                var described = currentService(settings.cluster(), name);
                String running = described.taskDefinition();
                String revision = revisionWith(running, image, settings).orElseGet(() -> register(running, image, settings));
                step.remember("task-definition " + name, revision);
                step.remember("previous-task-definition " + name, running);
                var updated = AwsCall.run(SYSTEM, "update service " + name, () -> ecs.updateService(r -> {
                    r.cluster(settings.cluster()).service(name).taskDefinition(revision);
                    if (settings.circuitBreaker()) r.deploymentConfiguration(withCircuitBreaker(described.deploymentConfiguration()));
                }));
                revisionOf.put(name, revision);
                Optional<String> deployment = Optional.ofNullable(updated.service()).stream().flatMap(s -> s.deployments().stream())
                        .filter(d -> revision.equals(d.taskDefinition())).findFirst().map(Deployment::id);
                deployment.ifPresent(id -> step.remember("ecs-deployment " + name, id));
                step.report("%s now deploys %s%s".formatted(name, shortName(revision), deployment.map(id -> " (ECS deployment " + id + ")").orElse("")));
            } catch (OutsideSystemFailure e) {
                return notAllUpdated(services, revisionOf, name, e, step);
            }
        }
        return await(settings, revisionOf, step);
    }

    /**
     * A call failed before {@code failing} was updated: with no service updated yet, every one still runs what it ran and
     * nothing needs undoing; otherwise the services updated so far are journaled as the only ones a rollback brings back.
     */
    private static Rollout notAllUpdated(List<String> services, Map<String, String> revisionOf, String failing, OutsideSystemFailure e, StepContext step) {
        List<String> unchanged = services.subList(services.indexOf(failing), services.size());
        if (revisionOf.isEmpty()) {
            return Rollout.failed("%s; no service was updated, %s still run%s what %s ran".formatted(e.getMessage(), String.join(", ", unchanged),
                    unchanged.size() == 1 ? "s" : "", unchanged.size() == 1 ? "it" : "they"), true, List.of());
        }
        ChangedTargets.remember(step, revisionOf.keySet());
        List<InstanceResult> results = new ArrayList<>();
        revisionOf.forEach((name, revision) -> results.add(new InstanceResult(name, false, "%s was updated to %s".formatted(name, shortName(revision)))));
        unchanged.forEach(name -> results.add(new InstanceResult(name, false, name + " was not updated")));
        return Rollout.failed("%s; changed: %s; unchanged: %s".formatted(e.getMessage(),
                revisionOf.entrySet().stream().map(r -> "%s (updated to %s)".formatted(r.getKey(), shortName(r.getValue()))).collect(Collectors.joining(", ")),
                String.join(", ", unchanged)), false, results);
    }

    private String currentTaskDefinition(String cluster, String service) {
        return currentService(cluster, service).taskDefinition();
    }

    private software.amazon.awssdk.services.ecs.model.Service currentService(String cluster, String service) {
        var described = AwsCall.run(SYSTEM, "describe service " + service, () -> ecs.describeServices(r -> r.cluster(cluster).services(service)));
        if (described.services().isEmpty()) {
            String why = described.failures().stream().findFirst().map(f -> f.reason()).orElse("not found");
            throw new OutsideSystemFailure(SYSTEM, "describe service " + service, false, "%s has no service %s (%s)".formatted(cluster, service, why));
        }
        return described.services().stream().filter(s -> service.equals(s.serviceName()) || (s.serviceArn() != null && s.serviceArn().endsWith("/" + service)))
                .findFirst().orElse(described.services().getFirst());
    }

    /**
     * The service's deployment configuration with ECS's deployment circuit breaker switched on and ECS's own rollback off:
     * the breaker ends a roll-out whose tasks keep failing (rolloutState FAILED) and Slipway rolls back by the environment's
     * policy, journaled and verified like every other target. Everything else (maximum and minimum percent, alarms) is kept.
     */
    static DeploymentConfiguration withCircuitBreaker(DeploymentConfiguration current) {
        DeploymentConfiguration.Builder builder = current == null ? DeploymentConfiguration.builder() : current.toBuilder();
        return builder.deploymentCircuitBreaker(b -> b.enable(true).rollback(false)).build();
    }

    private TaskDefinition describe(String taskDefinition) {
        return AwsCall.run(SYSTEM, "describe task definition " + shortName(taskDefinition),
                () -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition).include(TaskDefinitionField.TAGS))).taskDefinition();
    }

    private static boolean isReleaseContainer(ContainerDefinition container, EcsSettings settings) {
        return settings.containers().isEmpty()
                ? container.image() != null && (container.image().startsWith(settings.imageRepository() + ":") || container.image().startsWith(settings.imageRepository() + "@"))
                : settings.containers().contains(container.name());
    }

    /** An ACTIVE revision of the running family whose release containers already run {@code image} (the same release, or the one a rollback restores). */
    private Optional<String> revisionWith(String running, String image, EcsSettings settings) {
        String family = describe(running).family();
        List<String> recent = AwsCall.run(SYSTEM, "list revisions of " + family, () -> ecs.listTaskDefinitions(r -> r.familyPrefix(family)
                .status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC).maxResults(REVISIONS_SEARCHED))).taskDefinitionArns();
        for (String arn : recent) {
            TaskDefinition candidate = describe(arn);
            if (!family.equals(candidate.family()) || candidate.status() != TaskDefinitionStatus.ACTIVE) continue;
            List<ContainerDefinition> release = candidate.containerDefinitions().stream().filter(c -> isReleaseContainer(c, settings)).toList();
            if (!release.isEmpty() && release.stream().allMatch(c -> image.equals(c.image()))) return Optional.of(arn);
        }
        return Optional.empty();
    }

    /** Registers a revision of {@code running} that differs only in the image of the release containers. */
    String register(String running, String image, EcsSettings settings) {
        TaskDefinition from = describe(running);
        var tags = AwsCall.run(SYSTEM, "describe task definition " + shortName(running),
                () -> ecs.describeTaskDefinition(r -> r.taskDefinition(running).include(TaskDefinitionField.TAGS))).tags();
        List<ContainerDefinition> containers = new ArrayList<>();
        boolean changed = false;
        for (ContainerDefinition container : from.containerDefinitions()) {
            if (isReleaseContainer(container, settings)) {
                containers.add(container.toBuilder().image(image).build());
                changed = true;
            } else {
                containers.add(container);
            }
        }
        if (!changed) {
            throw new OutsideSystemFailure(SYSTEM, "register a revision of " + from.family(), false, settings.containers().isEmpty()
                    ? "no container of %s runs an image from %s; name them in the 'containers' setting".formatted(shortName(running), settings.imageRepository())
                    : "%s has none of the containers %s".formatted(shortName(running), settings.containers()));
        }
        RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder()
                .family(from.family())
                .taskRoleArn(from.taskRoleArn())
                .executionRoleArn(from.executionRoleArn())
                .networkMode(from.networkModeAsString())
                .containerDefinitions(containers)
                .volumes(from.volumes())
                .placementConstraints(from.placementConstraints())
                .requiresCompatibilitiesWithStrings(from.requiresCompatibilitiesAsStrings())
                .cpu(from.cpu())
                .memory(from.memory())
                .tags(tags)
                .pidMode(from.pidModeAsString())
                .ipcMode(from.ipcModeAsString())
                .proxyConfiguration(from.proxyConfiguration())
                .inferenceAccelerators(from.inferenceAccelerators())
                .ephemeralStorage(from.ephemeralStorage())
                .runtimePlatform(from.runtimePlatform())
                .enableFaultInjection(from.enableFaultInjection())
                .build();
        return AwsCall.run(SYSTEM, "register a revision of " + from.family(), () -> ecs.registerTaskDefinition(request)).taskDefinition().taskDefinitionArn();
    }

    /** Waits until every service's deployment of its new revision is COMPLETED, one FAILED, or the roll-out's own timeout. */
    private Rollout await(EcsSettings settings, Map<String, String> revisionOf, StepContext step) {
        Instant started = clock.now();
        Instant until = started.plus(settings.rolloutTimeout()).isBefore(step.deadline()) ? started.plus(settings.rolloutTimeout()) : step.deadline();
        Map<String, String> states = new TreeMap<>();
        while (true) {
            var services = AwsCall.run(SYSTEM, "describe services", () -> ecs.describeServices(r -> r.cluster(settings.cluster()).services(revisionOf.keySet()))).services();
            List<InstanceResult> results = new ArrayList<>();
            for (var described : services) {
                String revision = revisionOf.get(described.serviceName());
                if (revision == null) continue;
                Optional<Deployment> mine = described.deployments().stream().filter(d -> revision.equals(d.taskDefinition())).findFirst();
                String state = mine.map(Deployment::rolloutStateAsString).orElse("PENDING");
                String detail = mine.map(d -> "%s %s: %d of %d tasks running%s".formatted(described.serviceName(), state, d.runningCount(), d.desiredCount(),
                        d.failedTasks() != null && d.failedTasks() > 0 ? ", %d failed".formatted(d.failedTasks()) : "")).orElse(described.serviceName() + " has no deployment of " + shortName(revision) + " yet");
                if (!state.equals(states.put(described.serviceName(), state))) {
                    step.report(detail);
                    mine.ifPresent(d -> step.remember("ecs-deployment " + described.serviceName(), d.id()));
                }
                if ("FAILED".equals(state)) {
                    String why = mine.map(Deployment::rolloutStateReason).orElse("");
                    String stopped = firstStoppedReason(settings.cluster(), described.serviceName(), mine.get(), revision).map(r -> "; first stopped task: " + r).orElse("");
                    results.add(new InstanceResult(described.serviceName(), false, detail));
                    return Rollout.failed("%s failed to roll out %s: %s%s".formatted(described.serviceName(), shortName(revision), why, stopped), false, results);
                }
                if (!settings.circuitBreaker() && mine.isPresent() && !"COMPLETED".equals(state) && mine.get().failedTasks() != null && mine.get().failedTasks() > 0) {
                    // Without a circuit breaker ECS would start new tasks forever; the first one that stops is the answer.
                    int failedTasks = mine.get().failedTasks();
                    String stopped = firstStoppedReason(settings.cluster(), described.serviceName(), mine.get(), revision).map(r -> ": first stopped task: " + r).orElse("");
                    results.add(new InstanceResult(described.serviceName(), false, detail));
                    return Rollout.failed("%s failed to roll out %s: %d new task%s stopped%s".formatted(described.serviceName(), shortName(revision),
                            failedTasks, failedTasks == 1 ? "" : "s", stopped), false, results);
                }
                results.add(new InstanceResult(described.serviceName(), "COMPLETED".equals(state), detail));
            }
            if (results.size() == revisionOf.size() && results.stream().allMatch(InstanceResult::succeeded)) {
                return Rollout.succeeded("%s rolled out %s".formatted(String.join(", ", revisionOf.keySet()),
                        revisionOf.values().stream().map(EcsDeploymentTarget::shortName).distinct().collect(Collectors.joining(", "))), settings.endpoint(), results);
            }
            if (!clock.now().isBefore(until)) {
                return Rollout.failed("timed out after %s waiting for the roll-out: %s".formatted(Duration.between(started, clock.now()),
                        results.stream().filter(r -> !r.succeeded()).map(InstanceResult::detail).collect(Collectors.joining("; "))), false, results);
            }
            try {
                clock.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutsideSystemFailure(SYSTEM, "wait for the roll-out", true, "interrupted while waiting");
            }
        }
    }

    /** The reason the earliest stopped task of {@code deployment} (started by it, or running its revision) gave. */
    private Optional<String> firstStoppedReason(String cluster, String service, Deployment deployment, String revision) {
        List<String> stopped = AwsCall.run(SYSTEM, "list stopped tasks of " + service,
                () -> ecs.listTasks(r -> r.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.STOPPED))).taskArns();
        if (stopped.isEmpty()) return Optional.empty();
        return AwsCall.run(SYSTEM, "describe stopped tasks of " + service, () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(stopped.subList(0, Math.min(100, stopped.size())))))
                .tasks().stream()
                .filter(t -> (deployment.id() != null && deployment.id().equals(t.startedBy())) || revision.equals(t.taskDefinitionArn()))
                .filter(t -> t.stoppedReason() != null && !t.stoppedReason().isBlank())
                .min(Comparator.comparing(t -> t.stoppedAt() == null ? Instant.MAX : t.stoppedAt()))
                .map(Task::stoppedReason);
    }

    /** Moves the environment's latest tag ({@code latest-<env>} unless set otherwise) to the verified release's image. */
    @Override
    public String released(Service service, Environment environment, Release release, StepContext step) {
        checkRelease(service, environment, release);
        EcsSettings settings = EcsSettings.of(environment);
        return images.point(settings.repositoryName(), release, settings.latestTag(), step);
    }

    @Override
    public boolean canRestore(Service service, Environment environment, Release release) {
        checkRelease(service, environment, release);
        return registry.find(EcsSettings.of(environment).repositoryName(), release.tag()).isPresent();
    }

    /**
     * The image tag of the release container in the task definitions of the services' running tasks (not of the services,
     * which name what ECS is moving towards); tasks on different tags are drift, told in the detail. With a {@code build}
     * setting the environment's latest build is appended, and answers alone when no task runs.
     */
    @Override
    public Optional<Running> running(Service service, Environment environment) {
        EcsSettings settings = EcsSettings.of(environment);
        Optional<Running> running = runningOnTarget(service, environment);
        Optional<String> build = images.latestBuild(settings.build());
        if (build.isEmpty()) return running;
        return Optional.of(running.map(r -> new Running(r.tag(), r.endpoint(), r.alive(), r.detail() + "; " + build.get()))
                .orElseGet(() -> new Running("", settings.endpoint(), false, "the target reports nothing running; " + build.get())));
    }

    private Optional<Running> runningOnTarget(Service service, Environment environment) {
        EcsSettings settings = EcsSettings.of(environment);
        Map<String, String> tagOf = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> tasksByTag = new TreeMap<>();
        boolean alive = true;
        int tasks = 0;
        for (String name : settings.services()) {
            List<String> arns = AwsCall.run(SYSTEM, "list running tasks of " + name, () -> ecs.listTasksPaginator(r -> r.cluster(settings.cluster())
                    .serviceName(name).desiredStatus(DesiredStatus.RUNNING)).taskArns().stream().toList());
            boolean serviceUp = false;
            for (int i = 0; i < arns.size(); i += 100) {
                List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 100));
                for (Task task : AwsCall.run(SYSTEM, "describe running tasks of " + name, () -> ecs.describeTasks(r -> r.cluster(settings.cluster()).tasks(chunk))).tasks()) {
                    String tag = tagOf.computeIfAbsent(task.taskDefinitionArn(), arn -> releaseTag(describe(arn), settings));
                    if (tag.isEmpty()) continue;
                    tasksByTag.computeIfAbsent(tag, t -> new TreeMap<>()).merge(name, 1, Integer::sum);
                    serviceUp |= "RUNNING".equals(task.lastStatus());
                    tasks++;
                }
            }
            alive &= serviceUp;
        }
        if (tasksByTag.isEmpty()) return Optional.empty();
        String tag = tasksByTag.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().values().stream().mapToInt(Integer::intValue).sum())).orElseThrow().getKey();
        boolean agreed = tasksByTag.size() == 1;
        String detail = agreed ? "%s run %s (%s)".formatted(String.join(", ", tasksByTag.get(tag).keySet()), tag, count(tasks))
                : "tasks disagree: " + tasksByTag.entrySet().stream().map(e -> "%s on %s".formatted(e.getKey(), e.getValue().entrySet().stream()
                        .map(s -> "%s (%s)".formatted(s.getKey(), count(s.getValue()))).collect(Collectors.joining(", ")))).collect(Collectors.joining("; "));
        return Optional.of(new Running(tag, settings.endpoint(), alive && agreed, detail));
    }

    private static String count(int tasks) {
        return tasks == 1 ? "1 task" : tasks + " tasks";
    }

    /** The tag of the first release container's image in {@code definition}, empty when none runs an image of the repository by tag. */
    private static String releaseTag(TaskDefinition definition, EcsSettings settings) {
        return definition.containerDefinitions().stream().filter(c -> isReleaseContainer(c, settings)).map(ContainerDefinition::image)
                .filter(i -> i.startsWith(settings.imageRepository() + ":")).map(i -> i.substring(settings.imageRepository().length() + 1)).findFirst().orElse("");
    }

    static String shortName(String taskDefinitionArn) {
        return taskDefinitionArn == null ? "?" : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }
}
