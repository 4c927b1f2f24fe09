package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.slipway.application.fakes.FakeArtifactRegistry;
import dev.slipway.application.fakes.FakeBuildTrigger;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.BuildTrigger.Build;
import dev.slipway.application.port.out.BuildTrigger.State;
import dev.slipway.application.port.out.StepContext;
import java.time.Instant;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.InMemoryBundleStore;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.DeploymentTarget.Rollout;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.RecordingStepContext;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.aws.AwsJson.call;
import static dev.slipway.adapter.aws.AwsJson.count;
import static dev.slipway.adapter.aws.AwsJson.error;
import static dev.slipway.adapter.aws.AwsJson.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ec2-ssm target against SSM played by WireMock (AWS JSON 1.1), for what moto cannot show: failing instances,
 * offline agents, undelivered and timed-out commands, throttling and 5xx retried by the SDK, bounded waits.
 * ECR and S3 are the in-memory fakes here.
 */
class SsmDeploymentTargetFaultsIT {

    private static final List<String> THREE = List.of("i-0000000000000001", "i-0000000000000002", "i-0000000000000003");
    private static WireMockServer ssmServer;
    private static AwsClients clients;
    private static SsmClient ssm;
    private static Ec2Client ec2;
    private final FakeArtifactRegistry images = new FakeArtifactRegistry();
    private final InMemoryBundleStore bundles = new InMemoryBundleStore();

    @BeforeAll
    static void start() {
        DummyCredentials.install();
        ssmServer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ssmServer.start();
        clients = new AwsClients(AwsSettings.defaults().withEndpoint(URI.create(ssmServer.baseUrl()), MotoServer.REGION)
                .withRetries(3, Duration.ofMillis(5)).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        ssm = clients.ssm();
        ec2 = clients.ec2();
    }

    @AfterAll
    static void stop() {
        ssm.close();
        ec2.close();
        clients.close();
        ssmServer.stop();
    }

    @BeforeEach
    void allAgentsOnlineAndEveryCommandSucceeding() {
        ssmServer.resetAll();
        agents("Online", "Online", "Online");
        ssmServer.stubFor(call("AmazonSSM.SendCommand").inScenario("commands").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("2")
                .willReturn(ok("{\"Command\":{\"CommandId\":\"cmd-1\"}}")));
        ssmServer.stubFor(call("AmazonSSM.SendCommand").inScenario("commands").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(ok("{\"Command\":{\"CommandId\":\"cmd-2\"}}")));
        ssmServer.stubFor(call("AmazonSSM.SendCommand").inScenario("commands").whenScenarioStateIs("3")
                .willReturn(ok("{\"Command\":{\"CommandId\":\"cmd-3\"}}")));
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(10)
                .willReturn(ok("{\"Status\":\"Success\",\"StatusDetails\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"deployed\"}")));
    }

    @AfterEach
    void noSecretEverReachedTheWire() {
        assertThat(ssmServer.getAllServeEvents()).noneMatch(e -> e.getRequest().getBodyAsString().contains("slipway-test-secret-not-real"));
    }

    private void agents(String... statuses) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < statuses.length; i++) {
            list.append(i == 0 ? "" : ",").append("{\"InstanceId\":\"%s\",\"PingStatus\":\"%s\"}".formatted(THREE.get(i), statuses[i]));
        }
        ssmServer.stubFor(call("AmazonSSM.DescribeInstanceInformation").willReturn(ok("{\"InstanceInformationList\":[" + list + "]}")));
    }

    private static Map<String, String> settings(List<String> instances) {
        return Map.of("instances", String.join(",", instances), "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello", "endpoint", "http://hello-dev.internal:8080",
                "delivery-timeout", "30s", "execution-timeout", "60s");
    }

    private AwsDeployments deployments() {
        return new AwsDeployments("ec2-ssm", settings(THREE), d -> target(d.clock));
    }

    private SsmDeploymentTarget target(FakeClock clock) {
        return new SsmDeploymentTarget(ssm, ec2, images, bundles, clock, Duration.ofSeconds(1));
    }

    private static Release release(String tag) {
        return Release.of("hello", Version.parse(tag.replace("-dev", "")), tag, CommitId.of("a".repeat(40)));
    }

    @Test
    void oneFailingInstanceOfThreeFailsTheDeploymentAndRollsAllThreeBack() {
        AwsDeployments slipway = deployments();
        images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.CommandId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("cmd-2")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.InstanceId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(THREE.get(1))))
                .willReturn(ok("{\"Status\":\"Failed\",\"StatusDetails\":\"Failed\",\"ResponseCode\":14,\"StandardErrorContent\":\"slipway-agent: http://127.0.0.1:8080/health did not answer after 30 attempts\"}")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.29-dev");
            assertThat(back.reason()).contains("1 of 3 instances failed").contains(THREE.get(1) + " failed with exit code 14").contains("did not answer");
            Deployment d = back.deployment();
            assertThat(d.status()).isEqualTo(Status.ROLLED_BACK);
            assertThat(d.step("roll-out").orElseThrow().state())
                    .containsEntry("instance " + THREE.get(0), "Success exit 0: deployed")
                    .hasEntrySatisfying("instance " + THREE.get(1), v -> assertThat(v).startsWith("Failed exit 14"));
        });
        assertThat(count(ssmServer, "AmazonSSM.SendCommand")).isEqualTo(3);
        var rollbackCommand = ssmServer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.SendCommand"))).getLast().getBodyAsString();
        assertThat(rollbackCommand).contains("'0.1.29-dev'").contains(THREE.get(0)).contains(THREE.get(1)).contains(THREE.get(2));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder invocationOf(String commandId, String instance) {
        return call("AmazonSSM.GetCommandInvocation")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.CommandId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(commandId)))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.InstanceId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(instance)));
    }

    private List<String> sentCommands() {
        return ssmServer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.SendCommand"))).stream()
                .map(com.github.tomakehurst.wiremock.verification.LoggedRequest::getBodyAsString).toList();
    }

    @Test
    void aPersistentServerErrorOnTheFirstSendCommandFailsWithTheEnvironmentAsItWasAndNoRollback() {
        AwsDeployments slipway = deployments();
        String before = images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).isEqualTo(before);
        slipway.commit("second");
        ssmServer.resetRequests();
        ssmServer.stubFor(call("AmazonSSM.SendCommand").atPriority(1).willReturn(error(500, "InternalServerError", "broken")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.NotDeployed.class, failed -> {
            assertThat(failed.running()).isEqualTo("0.1.29-dev");
            assertThat(failed.reason()).contains("SSM could not send the command to 3 instances: InternalServerError (HTTP 500").contains("nothing was sent");
            assertThat(failed.deployment().step("rollback")).isEmpty();
        });
        // one SendCommand, tried three times by the SDK; no rollback command after it
        assertThat(count(ssmServer, "AmazonSSM.SendCommand")).isEqualTo(3);
        assertThat(count(ssmServer, "AmazonSSM.GetCommandInvocation")).isZero();
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).as("latest-dev still names the release that ran").isEqualTo(before);
    }

    @Test
    void anOfflineAgentLeavesTheLatestTagWhereItWasAndSendsNoRollback() {
        AwsDeployments slipway = deployments();
        String before = images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        agents("Online", "ConnectionLost", "Online");
        ssmServer.resetRequests();

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.NotDeployed.class,
                failed -> assertThat(failed.reason()).contains("agent offline").contains("nothing was sent"));
        assertThat(count(ssmServer, "AmazonSSM.SendCommand")).isZero();
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).isEqualTo(before);
    }

    @Test
    void anInstanceTheRollOutNeverChangedIsLeftOutOfTheRollbackAndTheReasonSaysWhichChanged() {
        AwsDeployments slipway = deployments();
        String before = images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        ssmServer.stubFor(invocationOf("cmd-2", THREE.get(1)).atPriority(1)
                .willReturn(ok("{\"Status\":\"Failed\",\"StatusDetails\":\"Failed\",\"ResponseCode\":11,\"StandardErrorContent\":\"slipway-agent: could not pull\"}")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.29-dev");
            assertThat(back.reason()).contains("1 of 3 instances failed; changed: %s succeeded; %s succeeded; unchanged: %s failed with exit code 11 (Failed): slipway-agent: could not pull"
                    .formatted(THREE.get(0), THREE.get(2), THREE.get(1)));
            assertThat(back.deployment().step("roll-out").orElseThrow().state()).containsEntry("changed", THREE.get(0) + "," + THREE.get(2))
                    .containsEntry("ssm-command-1", "cmd-2").containsEntry("instance " + THREE.get(1), "Failed exit 11: slipway-agent: could not pull");
            assertThat(back.deployment().step("rollback").orElseThrow().state()).containsEntry("changed", THREE.get(0) + "," + THREE.get(2))
                    .containsEntry("ssm-command-1", "cmd-3");
        });
        List<String> sent = sentCommands();
        assertThat(sent).hasSize(3);
        assertThat(sent.getLast()).contains("'0.1.29-dev'").contains(THREE.get(0)).contains(THREE.get(2)).doesNotContain(THREE.get(1));
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).isEqualTo(before);
    }

    @Test
    void aRollbackThatCannotSendItsCommandSaysSoOnce() {
        AwsDeployments slipway = deployments();
        images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        slipway.probe.makeSick(URI.create("http://hello-dev.internal:8080"));
        ssmServer.stubFor(call("AmazonSSM.SendCommand").atPriority(1).inScenario("commands").whenScenarioStateIs("3")
                .willReturn(error(500, "InternalServerError", "broken")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.Failed.class, failed -> {
            assertThat(failed.deployment().status()).isEqualTo(Status.ROLLBACK_FAILED);
            assertThat(failed.reason()).contains("; rollback failed: could not bring back 0.1.29-dev: SSM could not send the command to 3 instances")
                    .doesNotContain("rollback failed: rollback failed");
        });
    }

    @Test
    void whenNoInstanceChangedTheDeploymentFailsWithoutARollback() {
        AwsDeployments slipway = deployments();
        images.push("hello", "0.1.29-dev");
        images.push("hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation", "$.CommandId", "cmd-2").atPriority(1)
                .willReturn(ok("{\"Status\":\"Failed\",\"StatusDetails\":\"Failed\",\"ResponseCode\":20,\"StandardErrorContent\":\"fatal error: An error occurred (403)\"}")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.NotDeployed.class, failed -> assertThat(failed.reason())
                .contains("3 of 3 instances failed and none changed: " + THREE.get(0) + " failed with exit code 20"));
        assertThat(count(ssmServer, "AmazonSSM.SendCommand")).isEqualTo(2);
    }

    @Test
    void verificationWithoutAnEndpointReadsEachInstancesVersionOnce() {
        Map<String, String> settings = new java.util.HashMap<>(settings(THREE));
        settings.remove("endpoint");
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", settings, d -> target(d.clock));
        String digest = images.push("hello", "0.1.30-dev");
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation", "$.CommandId", "cmd-2").atPriority(1)
                .willReturn(ok("{\"Status\":\"Success\",\"StatusDetails\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"0.1.30-dev\\n\"}")));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.Succeeded.class, done -> {
            assertThat(done.deployment().step("verify").orElseThrow().detail()).isEqualTo("the target runs 0.1.30-dev (no endpoint to probe)");
            assertThat(done.deployment().step("roll-out").orElseThrow().state()).containsEntry("ssm-command-1", "cmd-1")
                    .containsEntry("instance " + THREE.get(0), "Success exit 0: deployed");
            assertThat(done.deployment().step("record").orElseThrow().state()).containsEntry("latest-tag", "latest-dev -> " + digest);
        });
        List<String> sent = sentCommands();
        assertThat(sent).as("the deploy, then one read of VERSION").hasSize(2);
        assertThat(sent.getLast()).contains("VERSION").contains(THREE.get(0)).contains(THREE.get(1)).contains(THREE.get(2));
        assertThat(ssmServer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.GetCommandInvocation"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.CommandId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("cmd-2")))))
                .as("one look per instance at the VERSION command").hasSize(3);
        assertThat(images.find("hello", "latest-dev").orElseThrow().digest()).isEqualTo(digest);
    }

    @Test
    void statusWithEveryVersionReadStuckInProgressAnswersUnknownPerInstanceWithinItsBound() {
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(1)
                .willReturn(ok("{\"Status\":\"InProgress\",\"StatusDetails\":\"InProgress\",\"ResponseCode\":-1}")));
        AwsDeployments slipway = deployments();

        var state = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(2), slipway::status, "status hung");

        assertThat(state.runningTag()).isEmpty();
        assertThat(state.drift()).hasValueSatisfying(drift -> assertThat(drift)
                .contains("unknown (no answer within 10s) on " + String.join(", ", THREE)).doesNotContain("runs nothing"));
        assertThat(sentCommands()).singleElement().satisfies(body -> assertThat(body).contains("\"executionTimeout\":[\"10\"]"));
    }

    @Test
    void theRunningVersionTellsTheInstancesThatDidNotAnswerInTimeAsUnknown() {
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(5)
                .willReturn(ok("{\"Status\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"0.1.30-dev\\n\"}")));
        stubInvocation(THREE.get(1), "{\"Status\":\"InProgress\",\"StatusDetails\":\"InProgress\",\"ResponseCode\":-1}");
        stubInvocation(THREE.get(2), "{\"Status\":\"Pending\",\"StatusDetails\":\"Pending\",\"ResponseCode\":-1}");
        AwsDeployments slipway = deployments();

        DeploymentTarget.Running running = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> target(slipway.clock).running(slipway.service, slipway.dev, slipway.clock.now().plusSeconds(4)).orElseThrow());

        assertThat(running.tag()).isEqualTo("0.1.30-dev");
        assertThat(running.alive()).isFalse();
        assertThat(running.detail()).isEqualTo("0.1.30-dev on %s; unknown (no answer within 4s) on %s, %s".formatted(THREE.get(0), THREE.get(1), THREE.get(2)));
    }

    @Test
    void anOfflineAgentRefusesTheRollOutBeforeAnythingIsSent() {
        agents("Online", "ConnectionLost", "Online");
        images.push("hello", "0.1.30-dev");
        SsmDeploymentTarget target = target(new FakeClock());
        AwsDeployments slipway = deployments();

        Rollout rollout = target.rollOut(slipway.service, slipway.dev, release("0.1.30-dev"), Optional.empty(), new RecordingStepContext());

        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.previousStillServing()).isTrue();
        assertThat(rollout.detail()).startsWith("agent offline: the SSM agent on " + THREE.get(1) + " is ConnectionLost");
        assertThat(count(ssmServer, "AmazonSSM.SendCommand")).isZero();
    }

    @Test
    void neverDeliveredTimedOutAndFailedAreToldApart() {
        stubInvocation(THREE.get(0), "{\"Status\":\"TimedOut\",\"StatusDetails\":\"DeliveryTimedOut\",\"ResponseCode\":-1}");
        stubInvocation(THREE.get(1), "{\"Status\":\"TimedOut\",\"StatusDetails\":\"ExecutionTimedOut\",\"ResponseCode\":-1,\"StandardOutputContent\":\"slipway-agent: pulling\"}");
        stubInvocation(THREE.get(2), "{\"Status\":\"Failed\",\"StatusDetails\":\"Failed\",\"ResponseCode\":11,\"StandardErrorContent\":\"slipway-agent: could not pull\"}");
        AwsDeployments slipway = deployments();

        Rollout rollout = target(new FakeClock()).rollOut(slipway.service, slipway.dev, release("0.1.30-dev"), Optional.empty(), new RecordingStepContext());

        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.instances()).extracting(DeploymentTarget.InstanceResult::detail).containsExactly(
                THREE.get(0) + " never received the command (DeliveryTimedOut, response code -1)",
                THREE.get(1) + " timed out running the command (ExecutionTimedOut): slipway-agent: pulling",
                THREE.get(2) + " failed with exit code 11 (Failed): slipway-agent: could not pull");
    }

    @Test
    void aCommandStillRunningAtTheDeadlineTimesOutThere() {
        stubInvocation(THREE.get(0), "{\"Status\":\"InProgress\",\"StatusDetails\":\"InProgress\",\"ResponseCode\":-1,\"StandardOutputContent\":\"slipway-agent: starting\"}");
        stubInvocation(THREE.get(1), "{\"Status\":\"Pending\",\"StatusDetails\":\"Pending\",\"ResponseCode\":-1}");
        FakeClock clock = new FakeClock();
        AwsDeployments slipway = deployments();
        RecordingStepContext step = new RecordingStepContext(clock.now().plusSeconds(5));

        Rollout rollout = target(clock).rollOut(slipway.service, slipway.dev, release("0.1.30-dev"), Optional.empty(), step);

        assertThat(rollout.detail()).contains("2 of 3 instances failed")
                .contains(THREE.get(0) + " timed out running the command (InProgress after 5s): slipway-agent: starting")
                .contains(THREE.get(1) + " never received the command (Pending after 5s");
        assertThat(count(ssmServer, "AmazonSSM.GetCommandInvocation")).isLessThan(20);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedByTheSdkThenSucceed() {
        ssmServer.stubFor(call("AmazonSSM.DescribeInstanceInformation").atPriority(1).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("throttled").willReturn(error(400, "ThrottlingException", "Rate exceeded")));
        ssmServer.stubFor(call("AmazonSSM.DescribeInstanceInformation").atPriority(1).inScenario("flaky").whenScenarioStateIs("throttled")
                .willSetStateTo("recovered").willReturn(error(503, "InternalServerError", "try again")));
        AwsDeployments slipway = deployments();

        Rollout rollout = target(new FakeClock()).rollOut(slipway.service, slipway.dev, release("0.1.30-dev"), Optional.empty(), new RecordingStepContext());

        assertThat(rollout.succeeded()).as(rollout.detail()).isTrue();
        assertThat(count(ssmServer, "AmazonSSM.DescribeInstanceInformation")).isEqualTo(3);
    }

    @Test
    void anSsmThatKeepsFailingBeforeSendingIsARollOutThatChangedNothingNamingTheAction() {
        ssmServer.stubFor(call("AmazonSSM.DescribeInstanceInformation").atPriority(1).willReturn(error(500, "InternalServerError", "broken")));
        AwsDeployments slipway = deployments();

        Rollout rollout = target(new FakeClock()).rollOut(slipway.service, slipway.dev, release("0.1.30-dev"), Optional.empty(), new RecordingStepContext());

        assertThat(rollout.succeeded()).isFalse();
        assertThat(rollout.previousStillServing()).isTrue();
        assertThat(rollout.detail()).startsWith("SSM could not check the SSM agents: InternalServerError (HTTP 500, still failing after the SDK's retries)")
                .endsWith("nothing was sent").doesNotContain("slipway-test-secret");
        assertThat(count(ssmServer, "AmazonSSM.DescribeInstanceInformation")).isEqualTo(3);
        assertThat(count(ssmServer, "AmazonSSM.SendCommand")).isZero();
    }

    @Test
    void sendsOneCommandPerFiftyInstances() {
        List<String> many = IntStream.range(0, 120).mapToObj(i -> "i-%016x".formatted(i + 1)).toList();
        StringBuilder online = new StringBuilder();
        for (String id : many) online.append(online.isEmpty() ? "" : ",").append("{\"InstanceId\":\"%s\",\"PingStatus\":\"Online\"}".formatted(id));
        ssmServer.stubFor(call("AmazonSSM.DescribeInstanceInformation").atPriority(1).willReturn(ok("{\"InstanceInformationList\":[" + online + "]}")));
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", settings(many), d -> target(d.clock));

        Rollout rollout = target(new FakeClock()).rollOut(slipway.service, slipway.dev, release("0.1.30-dev"), Optional.empty(), new RecordingStepContext());

        assertThat(rollout.succeeded()).isTrue();
        assertThat(rollout.instances()).hasSize(120);
        List<Integer> sizes = new ArrayList<>();
        ssmServer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                        .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.SendCommand")))
                .forEach(r -> sizes.add(r.getBodyAsString().split("\"i-").length - 1));
        assertThat(sizes).containsExactly(50, 50, 20);
    }

    @Test
    void theRunningVersionIsTheVersionFileEveryInstanceReports() {
        AwsDeployments slipway = deployments();
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(5)
                .willReturn(ok("{\"Status\":\"Success\",\"StatusDetails\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"0.1.30-dev\\n\"}")));

        Optional<DeploymentTarget.Running> running = target(slipway.clock).running(slipway.service, slipway.dev);

        assertThat(running).hasValueSatisfying(r -> {
            assertThat(r.tag()).isEqualTo("0.1.30-dev");
            assertThat(r.alive()).isTrue();
        });
        assertThat(ssmServer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.SendCommand"))).getFirst().getBodyAsString())
                .contains("set -- '/opt/slipway' 'hello' 'dev'").contains("cat \\\"$1/$2-$3/VERSION\\\"");
    }

    @Test
    void instancesThatDisagreeShowDrift() {
        AwsDeployments slipway = deployments();
        stubInvocation(THREE.get(2), "{\"Status\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"0.1.29-dev\\n\"}");
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(5)
                .willReturn(ok("{\"Status\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"0.1.30-dev\\n\"}")));

        DeploymentTarget.Running running = target(slipway.clock).running(slipway.service, slipway.dev).orElseThrow();

        assertThat(running.tag()).isEqualTo("0.1.30-dev");
        assertThat(running.alive()).isFalse();
        assertThat(running.detail()).contains("instances disagree").contains("0.1.29-dev on " + THREE.get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.30;reboot", "$(reboot)", "`reboot`", "0.1.30\nreboot", "0.1.30 && reboot"})
    void refusesAnInjectedVersionBeforeAnyAwsCall(String tag) {
        AwsDeployments slipway = deployments();
        Release injected = new Release("hello", Version.parse("0.1.30"), tag, CommitId.of("a".repeat(40)), Optional.empty());
        SsmDeploymentTarget target = target(slipway.clock);

        assertThatThrownBy(() -> target.prepare(slipway.service, slipway.dev, injected, dir -> {}, new RecordingStepContext())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> target.rollOut(slipway.service, slipway.dev, injected, Optional.empty(), new RecordingStepContext())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> target.canRestore(slipway.service, slipway.dev, injected)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ssmServer.getAllServeEvents()).isEmpty();
        assertThat(bundles.list("slipway-bundles", "dev")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello;reboot", "$(reboot)", "`reboot`", "hello\nreboot"})
    void serviceAndEnvironmentNamesWithShellInThemCannotEvenBeConfigured(String name) {
        AwsDeployments slipway = deployments();

        assertThatThrownBy(() -> Service.of(name, slipway.repo, List.of(slipway.dev))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Environment(name, slipway.dev.branchPolicy(), slipway.dev.tagPattern(), slipway.dev.target(), slipway.dev.healthCheck(),
                slipway.dev.approval(), slipway.dev.rollbackPolicy(), Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SsmDeploymentTarget.arguments("hello", name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ssmServer.getAllServeEvents()).isEmpty();
    }

    @Test
    void validateNamesEveryProblemInTheSettings() {
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", Map.of("instances", "i-xyz", "instance-tag", "Role", "bucket", "Bad_Bucket",
                "max-errors", "lots", "delivery-timeout", "forever", "colour", "blue"), d -> target(d.clock));

        assertThat(target(slipway.clock).validate(slipway.service, slipway.dev)).hasSizeGreaterThanOrEqualTo(7).anySatisfy(p -> assertThat(p).contains("unknown setting colour"))
                .anySatisfy(p -> assertThat(p).contains("'repository' is required"))
                .anySatisfy(p -> assertThat(p).contains("i-xyz"));
    }

    /** CodeBuild as the scripted fake: a build that succeeds pushes the image it was asked for, as CI would. */
    private BuildTrigger codeBuild(FakeBuildTrigger builds) {
        return new BuildTrigger() {
            public String type() {
                return "codebuild";
            }

            public Build start(String project, Map<String, String> variables, StepContext step) {
                return builds.start(project, variables, step);
            }

            public Build await(Build build, StepContext step) {
                Build done = builds.await(build, step);
                if (done.state() == State.SUCCEEDED) images.push("hello", builds.variablesOf(build.id()).get("IMAGE_TAG"));
                return done;
            }

            public Optional<Build> latest(String project) {
                return builds.latest(project);
            }
        };
    }

    @Test
    void theEnvironmentsBuildRunsBeforeTheImageIsLookedForAndItsFailureStopsTheDeployment() {
        FakeBuildTrigger builds = new FakeBuildTrigger()
                .scripts("hello-build", new FakeBuildTrigger.Script(List.of("BUILD", "POST_BUILD"), BuildTrigger.State.SUCCEEDED, ""))
                .scripts("broken-build", new FakeBuildTrigger.Script(List.of("BUILD"), BuildTrigger.State.FAILED, "BUILD FAILED: tests failed"));
        Map<String, String> settings = new java.util.HashMap<>(settings(THREE));
        settings.putAll(Map.of("build", "codebuild", "build-project", "hello-build", "image-wait", "0s"));
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", settings, d -> target(d.clock));
        SsmDeploymentTarget target = new SsmDeploymentTarget(ssm, ec2, images, bundles, List.of(codeBuild(builds)), slipway.clock, Duration.ofSeconds(1));
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusSeconds(10));

        String artifact = target.prepare(slipway.service, slipway.dev, release("0.1.30-dev"), dir -> {}, step);

        assertThat(artifact).startsWith("123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello@sha256:");
        assertThat(builds.variablesOf(step.journal().get("build"))).isEqualTo(Map.of("VERSION", "0.1.30-dev", "IMAGE_TAG", "0.1.30-dev"));
        assertThat(step.journal()).containsEntry("build-link", "https://builds.example/" + step.journal().get("build")).containsKey("image-digest")
                .doesNotContainKey("latest-tag");
        assertThat(images.find("hello", "latest-dev")).as("prepared is not verified").isEmpty();

        settings.put("build-project", "broken-build");
        AwsDeployments broken = new AwsDeployments("ec2-ssm", settings, d -> target(d.clock));
        assertThatThrownBy(() -> target.prepare(broken.service, broken.dev, release("0.1.31-dev"), dir -> {}, new RecordingStepContext(Instant.now().plusSeconds(10))))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, e -> assertThat(e.getMessage()).contains("ended FAILED: BUILD FAILED: tests failed"));
        assertThat(bundles.find("slipway-bundles", "dev", "0.1.31-dev")).isEmpty();
    }

    @Test
    void withACodePipelineTheStatusAlsoTellsTheLatestExecutionAndTellsOfflineAgentsAsUnknown() {
        ssmServer.stubFor(call("CodePipeline_20150709.ListPipelineExecutions", "$.pipelineName", "hello-prod").willReturn(ok("""
                {"pipelineExecutionSummaries":[{"pipelineExecutionId":"e-42","status":"Failed","startTime":1700000000}]}""")));
        ssmServer.stubFor(call("CodePipeline_20150709.GetPipelineExecution", "$.pipelineExecutionId", "e-42").willReturn(ok("""
                {"pipelineExecution":{"pipelineName":"hello-prod","pipelineExecutionId":"e-42","status":"Failed","statusSummary":"Deploy failed"}}""")));
        ssmServer.stubFor(call("CodePipeline_20150709.GetPipelineState").willReturn(ok("{\"pipelineName\":\"hello-prod\",\"stageStates\":[]}")));
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation").atPriority(5)
                .willReturn(ok("{\"Status\":\"Success\",\"ResponseCode\":0,\"StandardOutputContent\":\"0.1.30-dev\\n\"}")));
        Map<String, String> settings = new java.util.HashMap<>(settings(THREE));
        settings.putAll(Map.of("build", "codepipeline", "build-project", "hello-prod"));
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", settings, d -> target(d.clock));
        try (var pipelines = clients.codePipeline()) {
            SsmDeploymentTarget target = new SsmDeploymentTarget(ssm, ec2, images, bundles, List.of(new CodePipelineTrigger(pipelines, slipway.clock, Duration.ofMillis(1))),
                    slipway.clock, Duration.ofSeconds(1));

            assertThat(target.running(slipway.service, slipway.dev)).hasValueSatisfying(running -> {
                assertThat(running.tag()).isEqualTo("0.1.30-dev");
                assertThat(running.detail()).startsWith("3 instances run 0.1.30-dev; latest codepipeline of hello-prod: e-42 FAILED, started 2023-11-14T22:13:20Z (https://");
            });

            agents("Online", "ConnectionLost", "Online");
            assertThat(target.running(slipway.service, slipway.dev)).hasValueSatisfying(running -> {
                assertThat(running.tag()).isEqualTo("0.1.30-dev");
                assertThat(running.alive()).isFalse();
                assertThat(running.detail()).startsWith("0.1.30-dev on %s, %s; unknown (the SSM agent is ConnectionLost) on %s; latest codepipeline of hello-prod: e-42 FAILED"
                        .formatted(THREE.get(0), THREE.get(2), THREE.get(1)));
            });

            agents("ConnectionLost", "ConnectionLost", "Inactive");
            assertThatThrownBy(() -> target.running(slipway.service, slipway.dev)).isInstanceOfSatisfying(OutsideSystemFailure.class, e -> assertThat(e.getMessage())
                    .contains("unknown (the SSM agent is ConnectionLost) on %s, %s; unknown (the SSM agent is Inactive) on %s; latest codepipeline of hello-prod: e-42 FAILED"
                            .formatted(THREE.get(0), THREE.get(1), THREE.get(2))));
        }
    }

    private void stubInvocation(String instance, String json) {
        ssmServer.stubFor(call("AmazonSSM.GetCommandInvocation", "$.InstanceId", instance).atPriority(2).willReturn(ok(json)));
    }
}
