package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code codebuild} trigger: start-build with the variables as plaintext environment overrides, then batch-get-builds until it ends. */
public final class CodeBuildTrigger implements BuildTrigger, LatestBuilds {

    static final String SYSTEM = "CodeBuild";

    private final CodeBuildClient codeBuild;
    private final Clock clock;
    private final Duration pollInterval;

    public CodeBuildTrigger(CodeBuildClient codeBuild, Clock clock, Duration pollInterval) {
        this.codeBuild = codeBuild;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @Override
    public String type() {
        return "codebuild";
    }

    @Override
    public Build start(String project, Map<String, String> variables, StepContext step) {
        BuildVariables.check(project, variables);
        List<EnvironmentVariable> overrides = variables.entrySet().stream()
                .map(e -> EnvironmentVariable.builder().name(e.getKey()).value(e.getValue()).type(EnvironmentVariableType.PLAINTEXT).build()).toList();
        var build = AwsCall.run(SYSTEM, "start a build of " + project, () -> codeBuild.startBuild(r -> r.projectName(project).environmentVariablesOverride(overrides))).build();
        Build started = toBuild(project, build);
        step.remember("codebuild-build", started.id());
        step.report("started %s%s".formatted(started.id(), started.link().map(l -> " (" + l + ")").orElse("")));
        return started;
    }

    @Override
    public Build await(Build build, StepContext step) {
        Build seen = build;
        while (true) {
            seen = describe(build.project(), build.id());
            for (int i = 0; i < seen.phases().size(); i++) {
                if (i >= build.phases().size() || !seen.phases().get(i).equals(build.phases().get(i))) step.report("%s: %s".formatted(build.id(), seen.phases().get(i)));
            }
            build = seen;
            if (seen.state().finished() || !clock.now().isBefore(step.deadline())) return seen;
            try {
                clock.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutsideSystemFailure(SYSTEM, "follow " + build.id(), true, "interrupted while waiting");
            }
        }
    }

    private Build describe(String project, String id) {
        var builds = AwsCall.run(SYSTEM, "follow " + id, () -> codeBuild.batchGetBuilds(r -> r.ids(id))).builds();
        if (builds.isEmpty()) throw new OutsideSystemFailure(SYSTEM, "follow " + id, false, "CodeBuild does not know the build");
        return toBuild(project, builds.getFirst());
    }

    @Override
    public Optional<Build> latest(String project) {
        return latestWithStart(project).map(Latest::build);
    }

    @Override
    public Optional<Latest> latestWithStart(String project) {
        BuildVariables.check(project, Map.of());
        List<String> ids = AwsCall.run(SYSTEM, "list builds of " + project,
                () -> codeBuild.listBuildsForProject(r -> r.projectName(project).sortOrder(SortOrderType.DESCENDING))).ids();
        if (ids.isEmpty()) return Optional.empty();
        var builds = AwsCall.run(SYSTEM, "follow " + ids.getFirst(), () -> codeBuild.batchGetBuilds(r -> r.ids(ids.getFirst()))).builds();
        if (builds.isEmpty()) throw new OutsideSystemFailure(SYSTEM, "follow " + ids.getFirst(), false, "CodeBuild does not know the build");
        return Optional.of(new Latest(toBuild(project, builds.getFirst()), Optional.ofNullable(builds.getFirst().startTime())));
    }

    private static Build toBuild(String project, software.amazon.awssdk.services.codebuild.model.Build build) {
        State state = switch (build.buildStatusAsString() == null ? "IN_PROGRESS" : build.buildStatusAsString()) {
            case "SUCCEEDED" -> State.SUCCEEDED;
            case "FAILED", "FAULT", "TIMED_OUT" -> State.FAILED;
            case "STOPPED" -> State.STOPPED;
            default -> State.IN_PROGRESS;
        };
        List<String> phases = build.phases().stream()
                .map(p -> p.phaseStatusAsString() == null ? p.phaseTypeAsString() : p.phaseTypeAsString() + " " + p.phaseStatusAsString()).toList();
        String detail = build.phases().stream().filter(p -> p.phaseStatusAsString() != null && !p.phaseStatusAsString().equals("SUCCEEDED"))
                .filter(p -> p.phaseStatusAsString() != null && !p.phaseStatusAsString().equals("IN_PROGRESS"))
                .findFirst().map(CodeBuildTrigger::why).orElse(state == State.FAILED ? "the build ended " + build.buildStatusAsString() : "");
        Optional<URI> link = Optional.ofNullable(build.logs()).map(l -> l.deepLink()).filter(l -> !l.isBlank()).map(URI::create);
        return new Build(project, build.id(), state, phases, link, detail);
    }

    private static String why(BuildPhase phase) {
        String context = phase.contexts().stream().map(c -> c.message()).filter(m -> m != null && !m.isBlank()).findFirst().orElse("");
        return "%s %s%s".formatted(phase.phaseTypeAsString(), phase.phaseStatusAsString(), context.isEmpty() ? "" : ": " + context);
    }
}
