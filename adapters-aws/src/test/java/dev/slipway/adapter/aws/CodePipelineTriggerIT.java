package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.BuildTriggerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.aws.AwsJson.call;
import static dev.slipway.adapter.aws.AwsJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The build trigger contract run against CodePipeline played by WireMock (AWS JSON 1.1): executions and stage states. */
class CodePipelineTriggerIT extends BuildTriggerContract {

    private static final String CP = "CodePipeline_20150709.";
    private static WireMockServer server;
    private static AwsClients clients;
    private static CodePipelineClient pipelines;

    @BeforeAll
    static void start() {
        DummyCredentials.install();
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        clients = new AwsClients(AwsSettings.defaults().withEndpoint(URI.create(server.baseUrl()), MotoServer.REGION).withRetries(2, Duration.ofMillis(5)));
        pipelines = clients.codePipeline();
    }

    @AfterAll
    static void stop() {
        pipelines.close();
        clients.close();
        server.stop();
    }

    private static String execution(String pipeline, String status, String summary) {
        return "{\"pipelineExecution\":{\"pipelineName\":\"%s\",\"pipelineExecutionId\":\"%s-1\",\"status\":\"%s\",\"statusSummary\":\"%s\"}}".formatted(pipeline, pipeline, status, summary);
    }

    private static String stages(String pipeline, String... stageAndStatus) {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < stageAndStatus.length; i += 2) {
            String error = stageAndStatus[i + 1].equals("Failed")
                    ? ",\"actionStates\":[{\"actionName\":\"Deploy\",\"latestExecution\":{\"status\":\"Failed\",\"errorDetails\":{\"code\":\"JobFailed\",\"message\":\"SSM command failed on i-0abc\"}}}]" : "";
            json.append(i == 0 ? "" : ",").append("{\"stageName\":\"%s\",\"latestExecution\":{\"pipelineExecutionId\":\"%s-1\",\"status\":\"%s\"}%s}"
                    .formatted(stageAndStatus[i], pipeline, stageAndStatus[i + 1], error));
        }
        return "{\"pipelineName\":\"%s\",\"stageStates\":[%s]}".formatted(pipeline, json);
    }

    @BeforeEach
    void threePipelines() {
        server.resetAll();
        for (String pipeline : new String[]{"green", "red", "endless"}) {
            server.stubFor(call(CP + "StartPipelineExecution", "$.name", pipeline).willReturn(ok("{\"pipelineExecutionId\":\"" + pipeline + "-1\"}")));
            server.stubFor(call(CP + "ListPipelineExecutions", "$.pipelineName", pipeline)
                    .willReturn(ok("{\"pipelineExecutionSummaries\":[{\"pipelineExecutionId\":\"" + pipeline + "-1\",\"status\":\"InProgress\"}]}")));
        }
        server.stubFor(call(CP + "ListPipelineExecutions", "$.pipelineName", "idle").willReturn(ok("{\"pipelineExecutionSummaries\":[]}")));
        server.stubFor(call(CP + "GetPipelineExecution", "$.pipelineName", "green").inScenario("green").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("deploying")
                .willReturn(ok(execution("green", "InProgress", ""))));
        server.stubFor(call(CP + "GetPipelineExecution", "$.pipelineName", "green").inScenario("green").whenScenarioStateIs("deploying")
                .willReturn(ok(execution("green", "Succeeded", ""))));
        server.stubFor(call(CP + "GetPipelineState", "$.name", "green").willReturn(ok(stages("green", "Source", "Succeeded", "Build", "Succeeded", "Deploy", "InProgress"))));
        server.stubFor(call(CP + "GetPipelineExecution", "$.pipelineName", "red").willReturn(ok(execution("red", "Failed", "stage Deploy failed"))));
        server.stubFor(call(CP + "GetPipelineState", "$.name", "red").willReturn(ok(stages("red", "Source", "Succeeded", "Deploy", "Failed"))));
        server.stubFor(call(CP + "GetPipelineExecution", "$.pipelineName", "endless").willReturn(ok(execution("endless", "InProgress", ""))));
        server.stubFor(call(CP + "GetPipelineState", "$.name", "endless").willReturn(ok(stages("endless", "Source", "InProgress"))));
    }

    @Override
    protected BuildTrigger trigger() {
        return new CodePipelineTrigger(pipelines, EcrArtifactRegistryIT.SYSTEM_CLOCK, Duration.ofMillis(20));
    }

    @Override
    protected String succeedingProject() {
        return "green";
    }

    @Override
    protected String failingProject() {
        return "red";
    }

    @Override
    protected String endlessProject() {
        return "endless";
    }

    @Override
    protected String idleProject() {
        return "idle";
    }

    @Test
    void theLatestExecutionShowsItsStagesLikeThePipelineStatusCommand() {
        var latest = trigger().latest("red").orElseThrow();

        assertThat(latest.phases()).containsExactly("Source Succeeded", "Deploy Failed");
        assertThat(latest.detail()).isEqualTo("Deploy: SSM command failed on i-0abc");
        assertThat(latest.link()).hasValueSatisfying(link -> assertThat(link.toString()).contains("/pipelines/red/executions/red-1"));
    }
}
