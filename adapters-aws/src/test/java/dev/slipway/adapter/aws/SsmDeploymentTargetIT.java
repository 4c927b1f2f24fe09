package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.out.BundleStore;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole ec2-ssm deployment to 3 instances against moto_server: image in ECR, bundle in S3, one SendCommand,
 * each instance's result journaled, history updated. moto has no DescribeInstanceInformation, so the clients talk to a
 * WireMock that answers that one call (every agent online) and passes everything else through to moto.
 */
class SsmDeploymentTargetIT {

    private static MotoServer moto;
    private static WireMockServer front;
    private static AwsClients clients;
    private static SsmClient ssm;
    private static S3Client s3;
    private static EcrClient ecr;
    private static Ec2Client ec2;
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
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{ssm, s3, ecr, ec2, clients}) if (c != null) c.close();
        if (front != null) front.stop();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void threeInstancesABucketAndARepository() throws Exception {
        moto.reset();
        front.resetAll();
        front.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        instances = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(3).maxCount(3)).instances().stream().map(i -> i.instanceId()).sorted().toList();
        StringBuilder online = new StringBuilder();
        for (String id : instances) online.append(online.isEmpty() ? "" : ",").append("{\"InstanceId\":\"%s\",\"PingStatus\":\"Online\"}".formatted(id));
        front.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"InstanceInformationList\":[" + online + "]}")));
        s3.createBucket(r -> r.bucket("slipway-bundles"));
        ecr.createRepository(r -> r.repositoryName("hello"));
    }

    private AwsDeployments deployments() {
        return new AwsDeployments("ec2-ssm", Map.of(
                "instances", String.join(",", instances),
                "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello",
                "endpoint", "http://hello-dev.internal:8080"),
                d -> new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, d.clock), new S3BundleStore(s3), d.clock, Duration.ofMillis(10)));
    }

    @Test
    void deploysToThreeInstancesWithOneCommandAndRecordsEachInstance() {
        AwsDeployments slipway = deployments();
        String digest = EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOf(DeploymentOutcome.Succeeded.class);
        Deployment deployment = ((DeploymentOutcome.Succeeded) outcome).deployment();
        assertThat(deployment.release().artifact()).contains("123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello@" + digest);
        assertThat(ecr.describeImages(r -> r.repositoryName("hello")).imageDetails())
                .anySatisfy(image -> assertThat(image.imageTags()).contains("0.1.30-dev", "latest-dev"));

        BundleStore.Contents bundle = new S3BundleStore(s3).open("slipway-bundles", "dev", "0.1.30-dev").orElseThrow();
        assertThat(new S3BundleStore(s3).list("slipway-bundles", "dev")).extracting(BundleStore.Bundle::address)
                .containsExactly("s3://slipway-bundles/bundles/dev/deploy-bundle-0.1.30-dev.tar.gz");
        assertThat(bundle.files()).containsOnlyKeys("slipway-agent.sh", "slipway.service.template", ".env.example", "VERSION")
                .containsEntry("VERSION", "0.1.30-dev\n").containsEntry(".env.example", "GREETING=hello\n");
        assertThat(bundle.files().get("slipway-agent.sh")).startsWith("#!/usr/bin/env bash");

        front.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
        Step rollOut = deployment.step("roll-out").orElseThrow();
        assertThat(rollOut.state()).containsKey("ssm-command-1");
        instances.forEach(id -> assertThat(rollOut.state()).containsEntry("instance " + id, "Success exit 0"));
        var commands = ssm.listCommands(r -> r.commandId(rollOut.state().get("ssm-command-1"))).commands();
        assertThat(commands).singleElement().satisfies(command -> {
            assertThat(command.documentName()).isEqualTo("AWS-RunShellScript");
            assertThat(command.instanceIds()).containsExactlyInAnyOrderElementsOf(instances);
            assertThat(command.parameters().get("commands")).contains(
                    "set -- 'hello' 'dev' '0.1.30-dev' 'slipway-bundles' 'bundles/dev/deploy-bundle-0.1.30-dev.tar.gz' '123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello' '8080' '/health'");
        });

        assertThat(slipway.registry.history(new dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery(
                java.util.Optional.of("hello"), java.util.Optional.of("dev"), Status.SETTLED, 10, java.util.Optional.empty())))
                .singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(Status.SUCCEEDED));
    }

    private String latestDev() {
        return ecr.describeImages(r -> r.repositoryName("hello").imageIds(software.amazon.awssdk.services.ecr.model.ImageIdentifier.builder().imageTag("latest-dev").build()))
                .imageDetails().getFirst().imageDigest();
    }

    @Test
    void latestDevNamesOnlyAReleaseThatPassedVerificationWhateverHappensAfter() {
        AwsDeployments slipway = deployments();
        String first = EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.29-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.31-dev");
        String verified = EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.32-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.33-dev");

        assertThat(slipway.deploy("0.1.29")).isInstanceOfSatisfying(DeploymentOutcome.Succeeded.class, done -> {
            assertThat(done.deployment().step("artifact").orElseThrow().state()).doesNotContainKey("latest-tag");
            assertThat(done.deployment().step("record").orElseThrow().state()).containsEntry("latest-tag", "latest-dev -> " + first);
        });
        assertThat(latestDev()).isEqualTo(first);

        // refused: an agent is offline, nothing is sent
        slipway.commit("second");
        var offline = front.stubFor(post(urlEqualTo("/")).atPriority(0).withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"InstanceInformationList\":[{\"InstanceId\":\"%s\",\"PingStatus\":\"ConnectionLost\"}]}".formatted(instances.getFirst()))));
        assertThat(slipway.deploy("0.1.30")).isInstanceOf(DeploymentOutcome.NotDeployed.class);
        assertThat(latestDev()).as("after a refused deployment").isEqualTo(first);
        front.removeStub(offline);

        // failed: SendCommand keeps answering 500, nothing changed
        slipway.commit("third");
        front.resetRequests();
        var broken = front.stubFor(post(urlEqualTo("/")).atPriority(0).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalServerError\",\"message\":\"broken\"}")));
        assertThat(slipway.deploy("0.1.31")).isInstanceOfSatisfying(DeploymentOutcome.NotDeployed.class, failed -> {
            assertThat(failed.reason()).contains("InternalServerError").contains("nothing was sent");
            assertThat(failed.deployment().step("rollback")).isEmpty();
        });
        front.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
        assertThat(latestDev()).as("after a failed deployment").isEqualTo(first);
        front.removeStub(broken);

        slipway.commit("fourth");
        assertThat(slipway.deploy("0.1.32")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        assertThat(latestDev()).as("after a verified deployment").isEqualTo(verified);

        // verification fails, the rollback brings 0.1.32 back and points latest-dev at it
        slipway.commit("fifth");
        slipway.probe.makeSickFor(URI.create("http://hello-dev.internal:8080"), AwsDeployments.HEALTH.attempts());
        front.resetRequests();
        DeploymentOutcome outcome = slipway.deploy("0.1.33");
        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.RolledBack.class, back -> {
            assertThat(back.restored()).isEqualTo("0.1.32-dev");
            assertThat(back.deployment().step("rollback").orElseThrow().state()).containsEntry("latest-tag", "latest-dev -> " + verified);
            assertThat(back.deployment().step("rollback").orElseThrow().detail()).endsWith("; moved latest-dev to hello:0.1.32-dev")
                    .doesNotContain("rollback failed");
        });
        front.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
        assertThat(latestDev()).as("after a rollback").isEqualTo(verified);
    }

    @Test
    void anInstanceTagSelectsTheRunningInstancesThatCarryIt() {
        List<String> web = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(2).maxCount(2)
                .tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("Role").value("web")))).instances().stream().map(i -> i.instanceId()).sorted().toList();
        String stoppedWeb = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("Role").value("web")))).instances().getFirst().instanceId();
        ec2.stopInstances(r -> r.instanceIds(stoppedWeb));
        ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("Role").value("db"))));
        StringBuilder online = new StringBuilder();
        for (String id : web) online.append(online.isEmpty() ? "" : ",").append("{\"InstanceId\":\"%s\",\"PingStatus\":\"Online\"}".formatted(id));
        front.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"InstanceInformationList\":[" + online + "]}")));
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", Map.of("instance-tag", "Role=web", "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello", "endpoint", "http://hello-dev.internal:8080"),
                d -> new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, d.clock), new S3BundleStore(s3), d.clock, Duration.ofMillis(10)));
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");

        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOf(DeploymentOutcome.Succeeded.class);
        // moto's ListCommands names every instance it knows, so the instances are read from the SendCommand request itself
        var sent = front.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
        assertThat(sent).singleElement().satisfies(request -> assertThat(PlayedAws.JSON.readTree(request.getBodyAsString()).path("InstanceIds"))
                .extracting(com.fasterxml.jackson.databind.JsonNode::asText).containsExactlyInAnyOrderElementsOf(web));
        front.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("Action=DescribeInstances"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("tag%3ARole")));
    }

    @Test
    void aReleaseCanBeRestoredOnlyWhileBothItsImageAndItsBundleExistAndARollbackToOneThatCannotIsRefusedBeforeActing() {
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", Map.of(
                "instances", String.join(",", instances), "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello", "endpoint", "http://hello-dev.internal:8080", "image-wait", "0s"),
                d -> new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, d.clock), new S3BundleStore(s3), d.clock, Duration.ofMillis(10)));
        SsmDeploymentTarget target = new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, slipway.clock), new S3BundleStore(s3), slipway.clock, Duration.ofMillis(10));
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.29-dev");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.28-dev");
        assertThat(slipway.deploy("0.1.29")).isInstanceOf(DeploymentOutcome.Succeeded.class);
        dev.slipway.domain.release.Release deployed = dev.slipway.domain.release.Release.of("hello", dev.slipway.domain.version.Version.parse("0.1.29"), "0.1.29-dev",
                dev.slipway.domain.release.CommitId.of("d".repeat(40)));
        dev.slipway.domain.release.Release neverBundled = dev.slipway.domain.release.Release.of("hello", dev.slipway.domain.version.Version.parse("0.1.28"), "0.1.28-dev",
                dev.slipway.domain.release.CommitId.of("d".repeat(40)));

        assertThat(target.canRestore(slipway.service, slipway.dev, deployed)).isTrue();
        assertThat(target.canRestore(slipway.service, slipway.dev, neverBundled)).as("its image exists but no bundle was ever uploaded").isFalse();
        s3.deleteObject(r -> r.bucket("slipway-bundles").key("bundles/dev/deploy-bundle-0.1.29-dev.tar.gz"));
        assertThat(target.canRestore(slipway.service, slipway.dev, deployed)).isFalse();

        slipway.commit("second");
        EcrArtifactRegistryIT.pushImage(ecr, "hello", "0.1.30-dev");
        slipway.probe.makeSick(URI.create("http://hello-dev.internal:8080"));
        DeploymentOutcome outcome = slipway.deploy("0.1.30");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).contains("unhealthy");
            assertThat(failed.howToRecover()).contains("no earlier release to return to");
        });
        // the deploy of 0.1.29 and the one of 0.1.30; no rollback command was sent
        front.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
    }

    @Test
    void aReleaseWhoseImageNeverArrivesFailsBeforeTouchingTheInstances() {
        AwsDeployments slipway = new AwsDeployments("ec2-ssm", Map.of(
                "instances", String.join(",", instances), "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello", "image-wait", "0s"),
                d -> new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, d.clock), new S3BundleStore(s3), d.clock, Duration.ofMillis(10)));

        DeploymentOutcome outcome = slipway.deploy("0.1.31");

        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.NotDeployed.class, r -> assertThat(r.reason()).contains("was not pushed within"));
        front.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
        assertThat(new S3BundleStore(s3).list("slipway-bundles", "dev")).isEmpty();
    }
}
