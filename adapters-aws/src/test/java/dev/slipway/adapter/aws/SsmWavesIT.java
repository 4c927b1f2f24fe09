package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.environment.Gate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progressive delivery on ec2-ssm against moto_server: a fleet of 10 rolled out in waves {@code [1, 50%, 100%]}, a wave
 * that fails, and a CloudWatch alarm that goes off during the bake. A WireMock in front of moto answers
 * DescribeInstanceInformation (which moto lacks), injects the failure, and records every SendCommand with its instance ids.
 */
class SsmWavesIT {

    private static MotoServer moto;
    private static WireMockServer front;
    private static AwsClients clients;
    private static SsmClient ssm;
    private static S3Client s3;
    private static EcrClient ecr;
    private static Ec2Client ec2;
    private static CloudWatchClient cloudWatch;
    private List<String> instances;

    @BeforeAll
    static void startMotoBehindWireMock() throws Exception {
        moto = MotoServer.start();
        front = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        front.start();
        clients = new AwsClients(moto.settings().withEndpoint(URI.create(front.baseUrl()), MotoServer.REGION));
        ssm = clients.ssm();
        s3 = clients.s3();
        ecr = clients.ecr();
        ec2 = clients.ec2();
        cloudWatch = clients.cloudWatch();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{ssm, s3, ecr, ec2, cloudWatch, clients}) if (c != null) c.close();
        if (front != null) front.stop();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void tenInstancesABucketAndARepository() throws Exception {
        moto.reset();
        front.resetAll();
        front.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        instances = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(10).maxCount(10)).instances().stream().map(i -> i.instanceId()).sorted().toList();
        StringBuilder online = new StringBuilder();
        for (String id : instances) online.append(online.isEmpty() ? "" : ",").append("{\"InstanceId\":\"%s\",\"PingStatus\":\"Online\"}".formatted(id));
        front.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"InstanceInformationList\":[" + online + "]}")));
        s3.createBucket(r -> r.bucket("slipway-bundles"));
        ecr.createRepository(r -> r.repositoryName("hello"));
    }

    private AwsDeployments deployments(String waves, Duration bake, List<Gate> gates) {
        return new AwsDeployments("ec2-ssm", Map.of(
                "instances", String.join(",", instances),
                "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello",
                "endpoint", "http://hello-dev.internal:8080",
                "waves", waves),
                d -> new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, d.clock), new S3BundleStore(s3), d.clock, Duration.ofMillis(10)),
                env -> env.withDelivery(bake, gates), List.of(new CloudWatchAlarmGateCheck(cloudWatch)));
    }

    /** One SendCommand as the fleet saw it: the release it deploys and the instances it went to. */
    record Sent(String release, List<String> instanceIds) {}

    private List<Sent> sendCommands() {
        List<Sent> sent = new ArrayList<>();
        List<LoggedRequest> requests = front.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
        for (LoggedRequest request : requests) {
            var body = com.github.tomakehurst.wiremock.common.Json.node(request.getBodyAsString());
            List<String> ids = new ArrayList<>();
            body.get("InstanceIds").forEach(id -> ids.add(id.asText()));
            String commands = body.get("Parameters").get("commands").toString();
            String release = commands.contains("'0.1.30-dev'") ? "0.1.30-dev" : commands.contains("'0.1.29-dev'") ? "0.1.29-dev" : "?";
            sent.add(new Sent(release, ids));
        }
        return sent;
    }

    @Test
    void aFailureInTheSecondWaveLeavesTheThirdWaveUntouchedAndBringsTheFirstTwoBack() {
        AwsDeployments slipway = deployments("1, 50%, 100%", Duration.ZERO, List.of());
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.29-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        assertThat(sendCommands()).extracting(Sent::instanceIds)
                .containsExactly(instances.subList(0, 1), instances.subList(1, 5), instances.subList(5, 10));

        slipway.commit("second");
        front.resetRequests();
        String failing = instances.get(3);
        front.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetCommandInvocation"))
                .withRequestBody(matchingJsonPath("$.InstanceId", equalTo(failing)))
                .inScenario("wave 2 fails once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Status\":\"Failed\",\"StatusDetails\":\"Failed\",\"ResponseCode\":14,\"InstanceId\":\"%s\",\"StandardErrorContent\":\"slipway-agent: http://127.0.0.1:8080/health did not answer\"}"
                                .formatted(failing))));

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        List<Sent> sent = sendCommands();
        System.out.printf("SendCommand calls: %d%n", sent.size());
        sent.forEach(s -> System.out.printf("  SendCommand %s to %d instance(s): %s%n", s.release(), s.instanceIds().size(), s.instanceIds()));
        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.29-dev");
            assertThat(back.reason()).contains("wave 2 of 3 failed: 1 of 4 instances failed: " + failing + " failed with exit code 14")
                    .contains("untouched: 5 instances");
            Step rollOut = back.deployment().step("roll-out").orElseThrow();
            assertThat(rollOut.state()).containsEntry("wave 1", "succeeded on 1 instance: " + instances.getFirst())
                    .containsEntry("wave 2", "failed on 1 of 4: " + failing)
                    .containsEntry("changed", String.join(",", instances.subList(0, 5)))
                    .doesNotContainKey("wave 3");
        });
        List<String> newRelease = sent.stream().filter(s -> s.release().equals("0.1.30-dev")).flatMap(s -> s.instanceIds().stream()).toList();
        List<String> restored = sent.stream().filter(s -> s.release().equals("0.1.29-dev")).flatMap(s -> s.instanceIds().stream()).toList();
        assertThat(sent).extracting(Sent::release).containsExactly("0.1.30-dev", "0.1.30-dev", "0.1.29-dev", "0.1.29-dev", "0.1.29-dev");
        assertThat(sent.subList(0, 2)).extracting(Sent::instanceIds).containsExactly(instances.subList(0, 1), instances.subList(1, 5));
        assertThat(newRelease).containsExactlyElementsOf(instances.subList(0, 5));
        assertThat(restored).containsExactlyInAnyOrderElementsOf(instances.subList(0, 5));
        assertThat(sent).flatExtracting(Sent::instanceIds).doesNotContainAnyElementsOf(instances.subList(5, 10));
    }

    @Test
    void aCloudWatchAlarmGoingOffDuringTheBakeRollsBackNamingTheAlarm() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("hello-5xx").namespace("Hello").metricName("5xx").statistic(Statistic.SUM)
                .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.setAlarmState(r -> r.alarmName("hello-5xx").stateValue(StateValue.OK).stateReason("quiet"));
        AwsDeployments slipway = deployments("100%", Duration.ofMinutes(5), List.of(new Gate.CloudWatchAlarms(List.of("hello-5xx"))));
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.29-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        slipway.commit("second");
        AtomicBoolean flipped = new AtomicBoolean();
        slipway.listeners.add(event -> {
            if (event instanceof DeploymentEvent.StepProgressed p && p.message().startsWith("baking: 3m") && flipped.compareAndSet(false, true)) {
                cloudWatch.setAlarmState(r -> r.alarmName("hello-5xx").stateValue(StateValue.ALARM).stateReason("5xx above 1 for 1 minute"));
            }
        });

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.RolledBack.class, back -> {
            System.out.println("rolled back: " + back.reason());
            assertThat(back.restored()).isEqualTo("0.1.29-dev");
            assertThat(back.reason()).startsWith("bake failed: ").contains("into the bake: gate cloudwatch-alarms [hello-5xx] failed: hello-5xx is ALARM (5xx above 1 for 1 minute); threshold: no alarm in ALARM");
        });
    }
}
