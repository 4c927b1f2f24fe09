package dev.slipway.adapter.http;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static dev.slipway.adapter.http.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestSlipway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiIT {

    @LocalServerPort
    int port;

    @Autowired
    TestSlipway.World world;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    TestHttp http() {
        return new TestHttp(port);
    }

    @Test
    void refusesCallersWithoutAValidTokenAsProblemDetails() {
        HttpResponse<String> none = http().get("/api/services", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(none).path("status").asInt()).isEqualTo(401);
        assertThat(http().get("/api/deployments", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(http().post("/api/deployments", "not-a-token", "{\"environment\":\"dev\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void listsServicesWithTheirRulesAndEnvironmentsWithTheirHealth() {
        JsonNode services = json(http().get("/api/services", TestSlipway.ALICE_TOKEN));
        assertThat(services.size()).isEqualTo(3);
        assertThat(services.get(0).path("name").asString()).isEqualTo("hello");
        assertThat(services.get(0).path("repository").asString()).isEqualTo("acme/hello");
        assertThat(services.get(0).path("environments").get(0).path("trigger").asString()).isEqualTo("tag");

        JsonNode environments = json(http().get("/api/environments", TestSlipway.ALICE_TOKEN));
        assertThat(environments.size()).isEqualTo(4);
        assertThat(environments.get(0).path("liveness").asString()).isIn("up", "down", "unknown");
        assertThat(environments.get(0).path("health").asString()).isIn("healthy", "unhealthy", "unknown");
    }

    @Test
    void deploysAndShowsTheDeploymentWithItsStepsAndReleaseNotes() {
        world.commit("hello", "Add a greeting");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> started = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"hello\",\"environment\":\"dev\",\"summary\":\"first\"}",
                "Idempotency-Key", key);
        assertThat(started.statusCode()).isIn(200, 202);
        String location = started.headers().firstValue("Location").orElseThrow();

        JsonNode deployment = awaitStatus(location, "succeeded");
        assertThat(deployment.path("requestedBy").asString()).isEqualTo("alice");
        assertThat(deployment.path("summary").asString()).isEqualTo("first");
        assertThat(deployment.path("steps").size()).isGreaterThan(3);
        assertThat(deployment.path("steps").get(0).path("status").asString()).isEqualTo("succeeded");
        assertThat(deployment.path("commits").toString()).contains("Add a greeting");

        HttpResponse<String> again = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"hello\",\"environment\":\"dev\"}",
                "Idempotency-Key", key);
        // The same key again answers the deployment it started, where the first answer pointed.
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Location")).contains(location);
        assertThat(location).endsWith("/" + json(again).path("id").asString());
        assertThat(json(again).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void pagesTheHistoryWithANextLink() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            world.commit("hello", "Change " + i);
            HttpResponse<String> started = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"hello\",\"environment\":\"dev\"}");
            awaitStatus(started.headers().firstValue("Location").orElseThrow(), "succeeded");
            Thread.sleep(5);
        }
        JsonNode first = json(http().get("/api/deployments?service=hello&status=succeeded&limit=1", TestSlipway.ALICE_TOKEN));
        assertThat(first.path("items").size()).isEqualTo(1);
        String next = first.path("next").asString();
        assertThat(next).isEqualTo("/api/deployments?limit=1&service=hello&status=succeeded&after=" + first.path("items").get(0).path("id").asString());
        JsonNode second = json(http().get(next, TestSlipway.ALICE_TOKEN));
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("items").get(0).path("id").asString()).isNotEqualTo(first.path("items").get(0).path("id").asString());
        assertThat(http().get("/api/deployments?status=sleeping", TestSlipway.ALICE_TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAnActorWithoutTheRoleInTheCliWords() {
        HttpResponse<String> refused = http().post("/api/environments/hello/dev/rollback", TestSlipway.BOB_TOKEN, "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode problem = json(refused);
        assertThat(problem.path("rule").asString()).isEqualTo("role:rollback");
        assertThat(problem.path("detail").asString()).startsWith("refused by role:rollback: bob (api) does not hold the rollback role for hello/dev");
        assertThat(problem.path("howToUnblock").asString()).contains("alice");
        assertThat(problem.path("outcome").asString()).isEqualTo("refused");
        assertThat(problem.path("next").asString()).isEqualTo(problem.path("howToUnblock").asString());
        assertThat(problem.path("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void answersBadInputWith400() {
        HttpResponse<String> invalid = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"hello\",\"environment\":\"nowhere\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("detail").asString()).startsWith("invalid: service hello has no environment 'nowhere'");
        assertThat(json(invalid).path("outcome").asString()).isEqualTo("invalid");
        assertThat(json(invalid).path("exitCode").asInt()).isEqualTo(2);
        assertThat(http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{not json").statusCode()).isEqualTo(400);
        assertThat(http().get("/api/deployments/zzz", TestSlipway.ALICE_TOKEN).statusCode()).isEqualTo(400);
        assertThat(http().get("/api/deployments/0123456789ab", TestSlipway.ALICE_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void aLockedEnvironmentRefusesDeploysUntilUnlocked() {
        HttpResponse<String> locked = http().post("/api/environments/web/dev/lock", TestSlipway.ALICE_TOKEN, "{\"reason\":\"database migration\"}");
        assertThat(locked.statusCode()).isEqualTo(200);
        assertThat(json(locked).path("outcome").asString()).isEqualTo("locked");
        try {
            HttpResponse<String> refused = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"web\",\"environment\":\"dev\"}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused).path("rule").asString()).isEqualTo("lock");
        } finally {
            HttpResponse<String> unlocked = http().delete("/api/environments/web/dev/lock", TestSlipway.ALICE_TOKEN);
            assertThat(unlocked.statusCode()).isEqualTo(200);
            assertThat(json(unlocked).path("message").asString()).startsWith("unlocked");
        }
    }

    @Test
    void aRefusalAfterThe202IsAnsweredAtItsLocationAndTheSameKeyMayBeSentAgain() {
        world.commit("web", "Waiting change");
        http().post("/api/environments/web/dev/lock", TestSlipway.ALICE_TOKEN, "{\"reason\":\"database migration\"}");
        String key = UUID.randomUUID().toString();
        String location;
        try {
            HttpResponse<String> waiting = http().post("/api/deployments", TestSlipway.ALICE_TOKEN,
                    "{\"service\":\"web\",\"environment\":\"dev\",\"lockWait\":\"3s\"}", "Idempotency-Key", key);
            assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
            location = waiting.headers().firstValue("Location").orElseThrow();

            JsonNode refused = awaitStatus(location, "cancelled");
            assertThat(refused.toString()).contains("lock").contains("database migration");
        } finally {
            http().delete("/api/environments/web/dev/lock", TestSlipway.ALICE_TOKEN);
        }

        HttpResponse<String> retried = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"web\",\"environment\":\"dev\"}",
                "Idempotency-Key", key);
        assertThat(retried.statusCode()).as(retried.body()).isIn(200, 202);
        assertThat(awaitStatus(location, "succeeded").path("commits").toString()).contains("Waiting change");
    }

    @Test
    void answers202AndWhereToFollowWhileTheDeploymentRuns() {
        world.commit("shop", "Slow change");
        world.target.close();
        try {
            HttpResponse<String> started = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"shop\",\"environment\":\"dev\"}");
            assertThat(started.statusCode()).isEqualTo(202);
            String location = started.headers().firstValue("Location").orElseThrow();
            assertThat(json(started).path("location").asString()).isEqualTo(location);
            assertThat(json(http().get(location, TestSlipway.ALICE_TOKEN)).path("status").asString()).isEqualTo("running");
            world.target.open();
            awaitStatus(location, "succeeded");
        } finally {
            world.target.open();
        }
    }

    @Test
    void answersTheMetricsDocumentAndRefusesABadWindowAsBadInput() {
        world.commit("shop", "Measured change");
        HttpResponse<String> started = http().post("/api/deployments", TestSlipway.ALICE_TOKEN, "{\"service\":\"shop\",\"environment\":\"dev\"}",
                "Idempotency-Key", "metrics-" + System.nanoTime());
        assertThat(started.statusCode()).isIn(200, 202);
        awaitStatus(started.headers().firstValue("Location").orElseThrow(), "succeeded");

        HttpResponse<String> answered = http().get("/api/metrics?service=shop&since=7d", TestSlipway.ALICE_TOKEN);

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode dev = json(answered).path("environments").get(0);
        assertThat(json(answered).path("windowDays").asDouble()).isEqualTo(7.0);
        assertThat(dev.path("environment").asString()).isEqualTo("dev");
        assertThat(dev.path("keys").path("succeeded").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(dev.path("trend")).hasSize(1);

        HttpResponse<String> tooLong = http().get("/api/metrics?since=2y", TestSlipway.ALICE_TOKEN);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).path("detail").asString()).contains("since");
        assertThat(http().get("/api/metrics?environment=nowhere", TestSlipway.ALICE_TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void theOpenApiDescriptionNamesExactlyTheRoutesServed() {
        HttpResponse<String> described = http().get("/api/openapi.json", null);
        assertThat(described.statusCode()).isEqualTo(200);
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : json(described).path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) documented.add(method.getKey().toUpperCase() + " " + path.getKey());
        }
        Set<String> served = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) continue;
                mapping.getKey().getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + pattern));
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(documented).isEqualTo(served);
    }

    JsonNode awaitStatus(String location, String status) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonNode deployment = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http().get(location, TestSlipway.ALICE_TOKEN);
            if (response.statusCode() == 200) {
                deployment = json(response);
                if (status.equals(deployment.path("status").asString())) return deployment;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("%s did not become %s; last: %s".formatted(location, status, deployment));
    }
}
