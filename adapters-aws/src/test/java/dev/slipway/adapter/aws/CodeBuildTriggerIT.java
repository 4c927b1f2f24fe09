package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.BuildTriggerContract;
import dev.slipway.application.port.out.RecordingStepContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.aws.AwsJson.call;
import static dev.slipway.adapter.aws.AwsJson.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build trigger contract run against CodeBuild played by WireMock (AWS JSON 1.1): phases to SUCCEEDED and FAILED. */
class CodeBuildTriggerIT extends BuildTriggerContract {

    private static final String CB = "CodeBuild_20161006.";
    private static WireMockServer server;
    private static AwsClients clients;
    private static CodeBuildClient codeBuild;

    @BeforeAll
    static void start() {
        DummyCredentials.install();
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        clients = new AwsClients(AwsSettings.defaults().withEndpoint(URI.create(server.baseUrl()), MotoServer.REGION).withRetries(2, Duration.ofMillis(5)));
        codeBuild = clients.codeBuild();
    }

    @AfterAll
    static void stop() {
        codeBuild.close();
        clients.close();
        server.stop();
    }

    private static String build(String id, String status, String phases) {
        return "{\"id\":\"%s\",\"buildStatus\":\"%s\",\"phases\":[%s],\"logs\":{\"deepLink\":\"https://console.aws.amazon.com/cloudwatch/home#logEvent:group=/aws/codebuild/%s\"}}"
                .formatted(id, status, phases, id.replace(':', '/'));
    }

    private static String phase(String type, String status) {
        return "{\"phaseType\":\"%s\",\"phaseStatus\":\"%s\"}".formatted(type, status);
    }

    @BeforeEach
    void threeProjects() {
        server.resetAll();
        for (String project : new String[]{"green", "red", "endless"}) {
            server.stubFor(call(CB + "StartBuild", "$.projectName", project).willReturn(ok("{\"build\":" + build(project + ":1", "IN_PROGRESS", "") + "}")));
            server.stubFor(call(CB + "ListBuildsForProject", "$.projectName", project).willReturn(ok("{\"ids\":[\"" + project + ":1\"]}")));
        }
        server.stubFor(call(CB + "ListBuildsForProject", "$.projectName", "idle").willReturn(ok("{\"ids\":[]}")));
        server.stubFor(call(CB + "BatchGetBuilds", "$.ids[0]", "green:1").inScenario("green").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("building")
                .willReturn(ok("{\"builds\":[" + build("green:1", "IN_PROGRESS", phase("SUBMITTED", "SUCCEEDED") + "," + phase("PROVISIONING", "SUCCEEDED") + ",{\"phaseType\":\"BUILD\"}") + "]}")));
        server.stubFor(call(CB + "BatchGetBuilds", "$.ids[0]", "green:1").inScenario("green").whenScenarioStateIs("building")
                .willReturn(ok("{\"builds\":[" + build("green:1", "SUCCEEDED", phase("SUBMITTED", "SUCCEEDED") + "," + phase("PROVISIONING", "SUCCEEDED") + ","
                        + phase("BUILD", "SUCCEEDED") + "," + phase("POST_BUILD", "SUCCEEDED") + ",{\"phaseType\":\"COMPLETED\"}") + "]}")));
        server.stubFor(call(CB + "BatchGetBuilds", "$.ids[0]", "red:1").willReturn(ok("{\"builds\":[" + build("red:1", "FAILED", phase("SUBMITTED", "SUCCEEDED") + ","
                + "{\"phaseType\":\"BUILD\",\"phaseStatus\":\"FAILED\",\"contexts\":[{\"statusCode\":\"COMMAND_EXECUTION_ERROR\",\"message\":\"Error while executing command: mvn verify. Reason: exit status 1\"}]}") + "]}")));
        server.stubFor(call(CB + "BatchGetBuilds", "$.ids[0]", "endless:1").willReturn(ok("{\"builds\":[" + build("endless:1", "IN_PROGRESS", phase("SUBMITTED", "SUCCEEDED")) + "]}")));
    }

    @Override
    protected BuildTrigger trigger() {
        return new CodeBuildTrigger(codeBuild, EcrArtifactRegistryIT.SYSTEM_CLOCK, Duration.ofMillis(20));
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
    void startsTheBuildWithVersionAndImageTagAsPlaintextOverridesAndGivesTheLogLink() {
        var started = trigger().start("green", Map.of("VERSION", "0.1.30-dev"), new RecordingStepContext());

        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CB + "StartBuild"))
                .withRequestBody(matchingJsonPath("$.environmentVariablesOverride[0].name", equalTo("VERSION")))
                .withRequestBody(matchingJsonPath("$.environmentVariablesOverride[0].value", equalTo("0.1.30-dev")))
                .withRequestBody(matchingJsonPath("$.environmentVariablesOverride[0].type", equalTo("PLAINTEXT"))));
        assertThat(started.link()).hasValueSatisfying(link -> assertThat(link.toString()).contains("/aws/codebuild/green"));
    }

    @Test
    void aFailedBuildSaysWhichPhaseFailedAndWhy() {
        RecordingStepContext step = new RecordingStepContext();
        var done = trigger().await(trigger().start("red", Map.of(), step), step);

        assertThat(done.detail()).isEqualTo("BUILD FAILED: Error while executing command: mvn verify. Reason: exit status 1");
    }

    @Test
    void refusesInjectedVariablesBeforeAnyCall() {
        assertThatThrownBy(() -> trigger().start("green", Map.of("VERSION", "0.1.30;reboot"), new RecordingStepContext())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trigger().start("green", Map.of("VERSION", "$(reboot)"), new RecordingStepContext())).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
