package dev.slipway.adapter.http;

import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.release.CommitId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.slipway.adapter.http.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestSlipway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitHubWebhookIT {

    @LocalServerPort
    int port;

    @Autowired
    TestSlipway.World world;

    @Test
    void answersAPingSignedAsInGitHubsDocumentedExample() {
        HttpResponse<String> pong = deliver("ping", UUID.randomUUID().toString(), "Hello, World!", GitHubSignatureTest.EXAMPLE);
        assertThat(pong.statusCode()).isEqualTo(200);
        assertThat(json(pong).path("message").asString()).startsWith("pong");
    }

    @Test
    void refusesABadOrMissingSignatureAndRunsNothing() {
        CommitId head = world.git.commit(world.repositories.get("hello"), "dev", Map.of("app.py", "print('forged')"), "Forged", "mallory");
        world.git.addTag(world.repositories.get("hello"), "0.9.0-dev", head);
        String payload = tagPush("acme/hello", "0.9.0-dev");
        HttpResponse<String> forged = deliver("push", UUID.randomUUID().toString(), payload, sign(payload.replace("0.9.0", "0.9.1")));
        HttpResponse<String> unsigned = deliver("push", UUID.randomUUID().toString(), payload, null);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(deploymentsOf("hello", "0.9.0-dev")).isEmpty();
    }

    @Test
    void aPushedTagMatchingDevsPatternStartsADevDeploymentOfThatVersion() {
        CommitId head = world.git.commit(world.repositories.get("hello"), "dev", Map.of("app.py", "print('tagged')"), "Tagged change", "dana");
        world.git.addTag(world.repositories.get("hello"), "0.5.0-dev", head);
        String payload = tagPush("acme/hello", "0.5.0-dev");
        HttpResponse<String> started = deliver("push", UUID.randomUUID().toString(), payload, sign(payload));

        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode triggered = json(started).path("deployments").get(0);
        assertThat(triggered.path("environment").asString()).isEqualTo("dev");
        Deployment deployment = awaitSettled(triggered.path("deployment").asString());
        assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(deployment.release().tag()).isEqualTo("0.5.0-dev");
        assertThat(deployment.requestedBy().id()).isEqualTo("github:octocat");

        // Slipway's own deployments push their tags as well: a tag the environment already runs is not deployed again.
        HttpResponse<String> echo = deliver("push", UUID.randomUUID().toString(), payload, sign(payload));
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(json(echo).path("deployments").get(0).path("outcome").asString()).isEqualTo("skipped");
    }

    @Test
    void theSameDeliveryTwiceStartsOneDeployment() {
        CommitId head = world.git.commit(world.repositories.get("hello"), "dev", Map.of("app.py", "print('twice')"), "Delivered twice", "dana");
        world.git.addTag(world.repositories.get("hello"), "0.6.0-dev", head);
        String payload = tagPush("acme/hello", "0.6.0-dev");
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> first = deliver("push", delivery, payload, sign(payload));
        HttpResponse<String> second = deliver("push", delivery, payload, sign(payload));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).path("deployments").get(0).path("outcome").asString()).isEqualTo("duplicate");
        awaitSettled(json(first).path("deployments").get(0).path("deployment").asString());
        assertThat(deploymentsOf("hello", "0.6.0-dev")).hasSize(1);
    }

    @Test
    void aPushToTheBranchAnEnvironmentFollowsDeploysItsHead() {
        world.commit("shop", "Pushed to dev");
        String payload = """
                {"ref":"refs/heads/dev","deleted":false,"repository":{"full_name":"Acme/Shop"},"sender":{"login":"octocat"}}""";
        HttpResponse<String> started = deliver("push", UUID.randomUUID().toString(), payload, sign(payload));

        assertThat(started.statusCode()).isEqualTo(202);
        Deployment deployment = awaitSettled(json(started).path("deployments").get(0).path("deployment").asString());
        assertThat(deployment.service()).isEqualTo("shop");
        assertThat(deployment.notes().commits().getFirst().subject()).isEqualTo("Pushed to dev");
    }

    @Test
    void aPushToAnotherBranchOrRepositoryStartsNothing() {
        String otherBranch = """
                {"ref":"refs/heads/feature/x","repository":{"full_name":"acme/shop"},"sender":{"login":"octocat"}}""";
        String otherRepository = tagPush("acme/unknown", "0.7.0-dev");
        HttpResponse<String> branch = deliver("push", UUID.randomUUID().toString(), otherBranch, sign(otherBranch));
        HttpResponse<String> repository = deliver("push", UUID.randomUUID().toString(), otherRepository, sign(otherRepository));
        assertThat(branch.statusCode()).isEqualTo(200);
        assertThat(json(branch).path("deployments").size()).isZero();
        assertThat(repository.statusCode()).isEqualTo(200);
        assertThat(json(repository).path("message").asString()).contains("matches no environment");
    }

    private HttpResponse<String> deliver(String event, String delivery, String payload, String signature) {
        HttpRequest.Builder request = new TestHttp(port).request("/webhooks/github", null)
                .header("Content-Type", "application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) request.header("X-Hub-Signature-256", signature);
        return new TestHttp(port).send(request.build());
    }

    private static String tagPush(String repository, String tag) {
        return """
                {"ref":"refs/tags/%s","created":true,"deleted":false,"repository":{"full_name":"%s"},"pusher":{"name":"octo"},"sender":{"login":"octocat"}}"""
                .formatted(tag, repository);
    }

    private static String sign(String payload) {
        return "sha256=" + HexFormat.of().formatHex(Callers.mac(TestSlipway.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Deployment> deploymentsOf(String service, String tag) {
        return world.registry.history(HistoryQuery.of(service, "dev", 1000)).stream().filter(d -> d.release().tag().equals(tag)).toList();
    }

    private Deployment awaitSettled(String id) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            var found = world.registry.find(DeploymentId.of(id));
            if (found.isPresent() && !found.get().isActive()) return found.get();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("deployment %s did not settle".formatted(id));
    }
}
