package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Harness.Run;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.OutsideSystemFailure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class JsonOutputTest {

    private final Harness slipway = new Harness();

    @Test
    void printsASucceededDeploymentAsOneDocumentWithItsStepsAndCommits() {
        slipway.ports.answering(new Succeeded(aDeployment().succeeded()));

        Run run = slipway.run("deploy", "dev", "--output", "json");

        assertThat(run.exit()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("outcome").asString()).isEqualTo("succeeded");
        assertThat(json.get("exitCode").asInt()).isZero();
        JsonNode deployment = json.get("deployment");
        assertThat(deployment.get("id").asString()).isEqualTo("a1b2c3d4e5f6");
        assertThat(deployment.get("status").asString()).isEqualTo("succeeded");
        assertThat(deployment.get("service").asString()).isEqualTo("hello");
        assertThat(deployment.get("environment").asString()).isEqualTo("dev");
        assertThat(deployment.get("tag").asString()).isEqualTo("0.1.31-dev");
        assertThat(deployment.get("commit").asString()).isEqualTo(Fixtures.SHA);
        assertThat(deployment.get("requestedBy").asString()).isEqualTo("ci");
        assertThat(deployment.get("via").asString()).isEqualTo("cli");
        assertThat(deployment.get("durationSeconds").asDouble()).isEqualTo(5.0);
        assertThat(deployment.get("restoredTag").isNull()).isTrue();
        assertThat(deployment.get("failure").isNull()).isTrue();
        JsonNode rollOut = deployment.get("steps").get(1);
        assertThat(rollOut.get("name").asString()).isEqualTo("roll-out");
        assertThat(rollOut.get("status").asString()).isEqualTo("succeeded");
        assertThat(rollOut.get("detail").asString()).isEqualTo("0.1.31-dev runs");
        assertThat(rollOut.get("startedAt").asString()).isEqualTo("2026-11-24T09:00:01Z");
        assertThat(rollOut.get("finishedAt").asString()).isEqualTo("2026-11-24T09:00:04.200Z");
        assertThat(rollOut.get("durationSeconds").asDouble()).isEqualTo(3.2);
        assertThat(deployment.get("commits").get(0).get("shortId").asString()).isEqualTo("a1b2c3d");
        assertThat(deployment.get("commits").get(0).get("subject").asString()).isEqualTo("fix the login page");
        assertThat(json.has("rule")).isFalse();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void namesTheRestoredTagOfARolledBackDeployment() {
        slipway.ports.answering(new RolledBack(aDeployment().rolledBack(), "0.1.30-dev", "health check kept failing"));

        JsonNode json = slipway.run("deploy", "dev", "--output=json").json();

        assertThat(json.get("outcome").asString()).isEqualTo("rolled_back");
        assertThat(json.get("exitCode").asInt()).isEqualTo(4);
        assertThat(json.get("restoredTag").asString()).isEqualTo("0.1.30-dev");
        assertThat(json.get("reason").asString()).isEqualTo("health check kept failing");
        assertThat(json.get("deployment").get("restoredTag").asString()).isEqualTo("0.1.30-dev");
        assertThat(json.get("deployment").get("failure").asString()).isEqualTo("health check kept failing");
    }

    @Test
    void namesTheRuleAndTheWayToUnblockARefusal() {
        slipway.ports.answering(new Refused("freeze", "prod is frozen until Monday", "wait, or ask ops"));

        JsonNode json = slipway.run("deploy", "dev", "--output", "json").json();

        assertThat(json.get("outcome").asString()).isEqualTo("refused");
        assertThat(json.get("exitCode").asInt()).isEqualTo(3);
        assertThat(json.get("rule").asString()).isEqualTo("freeze");
        assertThat(json.get("reason").asString()).isEqualTo("prod is frozen until Monday");
        assertThat(json.get("next").asString()).isEqualTo("wait, or ask ops");
        assertThat(json.has("deployment")).isFalse();
    }

    @Test
    void givesTheCommandToApproveAndTheExpiryOfADeploymentAwaitingApproval() {
        slipway.ports.answering(new AwaitingApproval(aDeployment().awaitingApproval(), Instant.parse("2026-11-24T10:00:00Z"), "ask bob"));

        JsonNode json = slipway.run("deploy", "dev", "--output", "json").json();

        assertThat(json.get("outcome").asString()).isEqualTo("awaiting_approval");
        assertThat(json.get("next").asString()).isEqualTo("slipway approve a1b2c3d4e5f6");
        assertThat(json.get("expiresAt").asString()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(json.get("deployment").get("approval").get("decision").asString()).isEqualTo("pending");
    }

    @Test
    void saysWhatTheTimedOutWaitWasFor() {
        slipway.ports.answering(new TimedOut("the lock of hello/dev", "alice held it"));

        Run run = slipway.run("deploy", "dev", "--output", "json");

        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.json().get("waitingFor").asString()).isEqualTo("the lock of hello/dev");
    }

    @Test
    void answersAnUnexpectedFailureAsAnErrorDocumentAndALineOnStderr() {
        slipway.ports.failingWith(new OutsideSystemFailure("database", "save deployment", false, "disk full"));

        Run run = slipway.run("deploy", "dev", "--output", "json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().get("outcome").asString()).isEqualTo("error");
        assertThat(run.json().get("message").asString()).isEqualTo("database could not save deployment: disk full");
        assertThat(run.err()).isEqualTo("error: database could not save deployment: disk full\n");
    }

    @Test
    void printsStatusRowsWithRunningTagHealthLockAndDrift() {
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(QueryCommandsTest.devRunning(), QueryCommandsTest.prodFrozenAndDrifting())));

        JsonNode environments = slipway.run("status", "--output", "json").json().get("environments");

        assertThat(environments).hasSize(2);
        JsonNode prod = environments.get(1);
        assertThat(prod.get("environment").asString()).isEqualTo("prod");
        assertThat(prod.get("running").asString()).isEqualTo("v0.1.30");
        assertThat(prod.get("runningTag").asString()).isEqualTo("v0.1.29");
        assertThat(prod.get("liveness").asString()).isEqualTo("down");
        assertThat(prod.get("health").asString()).isEqualTo("unknown");
        assertThat(prod.get("healthDetail").asString()).isEqualTo("v0.1.29 is not running");
        assertThat(environments.get(0).get("health").asString()).isEqualTo("healthy");
        assertThat(prod.get("by").asString()).isEqualTo("alice");
        assertThat(prod.get("since").asString()).isEqualTo("2026-11-24T09:00:05Z");
        assertThat(prod.get("drift").asString()).startsWith("the target runs v0.1.29");
        assertThat(prod.get("lock").get("reason").asString()).isEqualTo("release freeze");
        assertThat(prod.get("lock").get("manual").asBoolean()).isTrue();
        assertThat(environments.get(0).get("lock").isNull()).isTrue();
        assertThat(environments.get(0).get("endpoint").asString()).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void printsHistoryRowsNewestFirst() {
        slipway.ports.withHistory(List.of(aDeployment().id("b1b2c3d4e5f6").of("0.1.32-dev", "0.1.32").failed(), aDeployment().succeeded()));

        JsonNode json = slipway.run("history", "--output", "json").json();

        assertThat(json.get("outcome").asString()).isEqualTo("ok");
        assertThat(json.get("deployments")).hasSize(2);
        assertThat(json.get("deployments").get(0).get("tag").asString()).isEqualTo("0.1.32-dev");
        assertThat(json.get("deployments").get(0).get("status").asString()).isEqualTo("failed");
        assertThat(json.get("deployments").get(1).get("id").asString()).isEqualTo("a1b2c3d4e5f6");
    }

    @Test
    void printsTheLockItTook() {
        slipway.ports.locking(new LockOutcome.Locked(Fixtures.manualLock("prod", "ci-bot", "release freeze")));

        JsonNode json = slipway.run("lock", "prod", "--reason", "release freeze", "--output", "json").json();

        assertThat(json.get("outcome").asString()).isEqualTo("locked");
        assertThat(json.get("lock").get("service").asString()).isEqualTo("hello");
        assertThat(json.get("lock").get("environment").asString()).isEqualTo("prod");
        assertThat(json.get("lock").get("actor").asString()).isEqualTo("ci-bot");
        assertThat(json.get("lock").get("expiresAt").isNull()).isTrue();
    }

    @Test
    void printsThePlansWavesBakeAndGates() {
        slipway.ports.planning(Plans.progressive());

        JsonNode plan = slipway.run("plan", "prod", "--output", "json").json().get("plan");

        assertThat(plan.get("waves").toString()).isEqualTo("[\"1\",\"50%\",\"100%\"]");
        assertThat(plan.get("bake").asString()).isEqualTo("5m");
        assertThat(plan.get("gates").size()).isEqualTo(2);
        assertThat(plan.get("gates").get(0).asString()).isEqualTo("cloudwatch-alarms [hello-5xx]");
    }

    @Test
    void printsAPlanWithTheRuleThatWouldRefuseIt() {
        slipway.ports.planning(Plans.refusedByBranch());

        Run run = slipway.run("plan", "dev", "--output", "json");

        assertThat(run.exit()).isEqualTo(3);
        JsonNode json = run.json();
        assertThat(json.get("outcome").asString()).isEqualTo("planned");
        assertThat(json.get("rule").asString()).isEqualTo("branch");
        assertThat(json.get("plan").get("tag").asString()).isEqualTo("0.1.31-dev");
        assertThat(json.get("plan").get("wouldRun").asBoolean()).isFalse();
        assertThat(json.get("plan").get("currentTag").asString()).isEqualTo("0.1.30-dev");
    }
}
