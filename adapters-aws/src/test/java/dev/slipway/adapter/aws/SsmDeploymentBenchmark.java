package dev.slipway.adapter.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.slipway.application.port.in.DeploymentOutcome;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.slipway.adapter.aws.AwsJson.call;
import static dev.slipway.adapter.aws.AwsJson.count;
import static dev.slipway.adapter.aws.AwsJson.ok;

/**
 * Not a test: run by {@code bench/aws-ssm.sh} against a moto_server it started ({@code -Dmoto=http://127.0.0.1:PORT}).
 * Measures whole ec2-ssm deployments (DeployService, ECR, S3, SSM) to 3 instances with zero waits, then one deployment
 * to 500 instances, counting SendCommand calls and Slipway's own CPU time on the deploying thread.
 */
public final class SsmDeploymentBenchmark {

    private SsmDeploymentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI moto = URI.create(System.getProperty("moto"));
        int runs = Integer.getInteger("runs", 10);
        int fanOut = Integer.getInteger("instances", 500);
        DummyCredentials.install();
        WireMockServer front = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(32).disableRequestJournal().jettyAcceptors(2));
        front.start();
        AwsSettings settings = AwsSettings.defaults().withEndpoint(URI.create(front.baseUrl()), MotoServer.REGION)
                .withRetries(2, Duration.ofMillis(5)).withPollInterval(Duration.ofMillis(1));
        try (AwsClients clients = new AwsClients(settings); SsmClient ssm = clients.ssm(); S3Client s3 = clients.s3(); EcrClient ecr = clients.ecr(); Ec2Client ec2 = clients.ec2()) {
            List<Long> millis = new ArrayList<>();
            AwsDeployments slipway = prepare(moto, front, ec2, s3, ecr, ssm, 3);
            for (int run = 0; run < runs + 2; run++) {
                String version = "0.2." + run;
                EcrArtifactRegistryIT.pushImage(ecr, "hello", version + "-dev");
                slipway.commit("change " + run);
                long start = System.nanoTime();
                DeploymentOutcome outcome = slipway.deploy(version);
                long took = (System.nanoTime() - start) / 1_000_000;
                if (!(outcome instanceof DeploymentOutcome.Succeeded)) throw new IllegalStateException("deployment failed: " + outcome);
                if (run >= 2) millis.add(took); // the first two warm the JIT and the connection pool
            }
            Collections.sort(millis);
            System.out.printf("slipway 3-instance deployment: median %d ms, min %d ms, max %d ms over %d runs%n",
                    millis.get(millis.size() / 2), millis.getFirst(), millis.getLast(), millis.size());

            front.resetAll();
            WireMockServer counted = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(32));
            counted.start();
            AwsSettings countedSettings = settings.withEndpoint(URI.create(counted.baseUrl()), MotoServer.REGION);
            try (AwsClients c2 = new AwsClients(countedSettings); SsmClient ssm2 = c2.ssm(); S3Client s32 = c2.s3(); EcrClient ecr2 = c2.ecr(); Ec2Client ec22 = c2.ec2()) {
                AwsDeployments many = prepare(moto, counted, ec22, s32, ecr2, ssm2, fanOut);
                EcrArtifactRegistryIT.pushImage(ecr2, "hello", "0.3.0-dev");
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                DeploymentOutcome outcome = many.deploy("0.3.0");
                long wall = (System.nanoTime() - start) / 1_000_000;
                long own = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
                if (!(outcome instanceof DeploymentOutcome.Succeeded)) throw new IllegalStateException("fan-out failed: " + outcome);
                System.out.printf("slipway %d-instance deployment: %d SendCommand calls, %d GetCommandInvocation calls, Slipway's own CPU time %d ms, wall %d ms (mostly moto)%n",
                        fanOut, count(counted, "AmazonSSM.SendCommand"), count(counted, "AmazonSSM.GetCommandInvocation"), own, wall);
            } finally {
                counted.stop();
            }
        } finally {
            front.stop();
        }
    }

    private static AwsDeployments prepare(URI moto, WireMockServer front, Ec2Client ec2, S3Client s3, EcrClient ecr, SsmClient ssm, int count) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(moto.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
        front.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
        List<String> instances = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(count).maxCount(count)).instances().stream().map(i -> i.instanceId()).sorted().toList();
        StringBuilder online = new StringBuilder();
        for (String id : instances) online.append(online.isEmpty() ? "" : ",").append("{\"InstanceId\":\"%s\",\"PingStatus\":\"Online\"}".formatted(id));
        front.stubFor(call("AmazonSSM.DescribeInstanceInformation").atPriority(1).willReturn(ok("{\"InstanceInformationList\":[" + online + "]}")));
        s3.createBucket(r -> r.bucket("slipway-bundles"));
        ecr.createRepository(r -> r.repositoryName("hello"));
        return new AwsDeployments("ec2-ssm", Map.of("instances", String.join(",", instances), "bucket", "slipway-bundles",
                "repository", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello", "endpoint", "http://hello-dev.internal:8080"),
                d -> new SsmDeploymentTarget(ssm, ec2, new EcrArtifactRegistry(ecr, d.clock), new S3BundleStore(s3), d.clock, Duration.ofMillis(1)));
    }
}
