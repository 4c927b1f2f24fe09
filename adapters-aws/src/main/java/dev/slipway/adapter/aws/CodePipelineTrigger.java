package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code codepipeline} trigger: start-pipeline-execution (the variables become pipeline variables, which a V2
 * pipeline must declare), then get-pipeline-execution and the stages' states until it ends; {@code latest} is the
 * seed's {@code pipeline-status}.
 */
public final class CodePipelineTrigger implements BuildTrigger, LatestBuilds {

    static final String SYSTEM = "CodePipeline";

    private final CodePipelineClient pipelines;
    private final Clock clock;
    private final Duration pollInterval;

    public CodePipelineTrigger(CodePipelineClient pipelines, Clock clock, Duration pollInterval) {
        this.pipelines = pipelines;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @Override
    public String type() {
        return "codepipeline";
    }

    @Override
    public Build start(String pipeline, Map<String, String> variables, StepContext step) {
        BuildVariables.check(pipeline, variables);
        List<PipelineVariable> values = variables.entrySet().stream().map(e -> PipelineVariable.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        String id = AwsCall.run(SYSTEM, "start " + pipeline, () -> pipelines.startPipelineExecution(r -> {
            r.name(pipeline);
            if (!values.isEmpty()) r.variables(values);
        })).pipelineExecutionId();
        step.remember("pipeline-execution", id);
        Build started = new Build(pipeline, id, State.IN_PROGRESS, List.of(), link(pipeline, id), "");
        step.report("started %s execution %s (%s)".formatted(pipeline, id, started.link().orElseThrow()));
        return started;
    }

    @Override
    public Build await(Build build, StepContext step) {
        List<String> reported = build.phases();
        while (true) {
            Build seen = describe(build.project(), build.id());
            for (String stage : seen.phases()) if (!reported.contains(stage)) step.report("%s: %s".formatted(build.project(), stage));
            reported = seen.phases();
            if (seen.state().finished() || !clock.now().isBefore(step.deadline())) return seen;
            try {
                clock.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutsideSystemFailure(SYSTEM, "follow " + build.id(), true, "interrupted while waiting");
            }
        }
    }

    private Build describe(String pipeline, String id) {
        PipelineExecution execution = AwsCall.run(SYSTEM, "follow execution " + id,
                () -> pipelines.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(id))).pipelineExecution();
        var stages = AwsCall.run(SYSTEM, "read the stages of " + pipeline, () -> pipelines.getPipelineState(r -> r.name(pipeline))).stageStates().stream()
                .filter(s -> s.latestExecution() != null && id.equals(s.latestExecution().pipelineExecutionId()))
                .toList();
        List<String> phases = stages.stream().map(s -> s.stageName() + " " + s.latestExecution().statusAsString()).toList();
        String failure = stages.stream().flatMap(s -> s.actionStates().stream())
                .filter(a -> a.latestExecution() != null && a.latestExecution().errorDetails() != null)
                .findFirst().map(a -> a.actionName() + ": " + a.latestExecution().errorDetails().message()).orElse("");
        return toBuild(pipeline, id, execution.statusAsString(), phases, failure.isEmpty() ? Optional.ofNullable(execution.statusSummary()).orElse("") : failure);
    }

    private Build toBuild(String pipeline, String id, String status, List<String> phases, String why) {
        State state = switch (status == null ? "InProgress" : status) {
            case "Succeeded" -> State.SUCCEEDED;
            case "Failed", "Superseded" -> State.FAILED;
            case "Stopped" -> State.STOPPED;
            default -> State.IN_PROGRESS;
        };
        String detail = state == State.FAILED ? (why.isBlank() ? "the execution ended " + status : why) : why;
        return new Build(pipeline, id, state, phases, link(pipeline, id), detail);
    }

    @Override
    public Optional<Build> latest(String pipeline) {
        BuildVariables.check(pipeline, Map.of());
        var summaries = AwsCall.run(SYSTEM, "list executions of " + pipeline, () -> pipelines.listPipelineExecutions(r -> r.pipelineName(pipeline).maxResults(1)))
                .pipelineExecutionSummaries();
        return summaries.isEmpty() ? Optional.empty() : Optional.of(describe(pipeline, summaries.getFirst().pipelineExecutionId()));
    }

    @Override
    public Optional<Latest> latestWithStart(String pipeline) {
        BuildVariables.check(pipeline, Map.of());
        var summaries = AwsCall.run(SYSTEM, "list executions of " + pipeline, () -> pipelines.listPipelineExecutions(r -> r.pipelineName(pipeline).maxResults(1)))
                .pipelineExecutionSummaries();
        if (summaries.isEmpty()) return Optional.empty();
        var summary = summaries.getFirst();
        return Optional.of(new Latest(describe(pipeline, summary.pipelineExecutionId()), Optional.ofNullable(summary.startTime())));
    }

    private Optional<URI> link(String pipeline, String id) {
        String region = pipelines.serviceClientConfiguration().region().id();
        return Optional.of(URI.create("https://%s.console.aws.amazon.com/codesuite/codepipeline/pipelines/%s/executions/%s/timeline?region=%s"
                .formatted(region, pipeline, id, region)));
    }
}
