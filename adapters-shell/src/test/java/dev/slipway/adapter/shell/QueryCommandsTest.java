package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Harness.Run;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Locks.LockCommand;
import dev.slipway.application.port.in.Locks.UnlockCommand;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class QueryCommandsTest {

    private final Harness slipway = new Harness();

    static EnvironmentState devRunning() {
        Deployment current = aDeployment().succeeded();
        return new EnvironmentState("hello", "dev", "local", Optional.of(current), Optional.empty(), Optional.empty(),
                Optional.of("0.1.31-dev"), Optional.of("http://127.0.0.1:8081"), Optional.of(true), Optional.empty(), List.of(), Optional.of("pid 4242 on slot 8081"),
                new EnvironmentStatus.HealthAnswer("healthy", "http://127.0.0.1:8081/health answered 200"));
    }

    static EnvironmentState prodFrozenAndDrifting() {
        Deployment current = aDeployment().id("b1b2c3d4e5f6").to("prod").of("v0.1.30", "0.1.30").by("alice").succeeded();
        return new EnvironmentState("hello", "prod", "local", Optional.of(current), Optional.empty(),
                Optional.of(Fixtures.manualLock("prod", "ops", "release freeze")), Optional.of("v0.1.29"), Optional.empty(),
                Optional.of(false), Optional.of("the target runs v0.1.29, the registry says v0.1.30"), List.of(), Optional.empty(),
                EnvironmentStatus.HealthAnswer.unknown("v0.1.29 is not running"));
    }

    @Test
    void showsEachEnvironmentAsARowOfTheStatusTable() {
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(devRunning(), prodFrozenAndDrifting())));

        Run run = slipway.run("status");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                Service | Env  | Running    | Since            | By    | Process | Health  | Lock                | Drift
                --------+------+------------+------------------+-------+---------+---------+---------------------+---------------------------------------------------
                hello   | dev  | 0.1.31-dev | 2026-11-24 09:00 | ci    | up      | healthy | -                   | -
                hello   | prod | v0.1.30    | 2026-11-24 09:00 | alice | down    | unknown | ops: release freeze | the target runs v0.1.29, the registry says v0.1.30

                hello/dev: the local target says: pid 4242 on slot 8081
                """);
        assertThat(slipway.ports.last(StatusRequest.class)).isEqualTo(new StatusRequest(Optional.empty(), Optional.empty()));
    }

    @Test
    void asksTheStatusOfOneEnvironmentOfOneService() {
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(devRunning())));

        slipway.run("status", "dev", "--service", "hello");

        assertThat(slipway.ports.last(StatusRequest.class)).isEqualTo(new StatusRequest(Optional.of("hello"), Optional.of("dev")));

        slipway.run("status", "--timeout", "3s");

        assertThat(slipway.ports.last(StatusRequest.class).bound()).isEqualTo(java.time.Duration.ofSeconds(3));
    }

    @Test
    void mentionsADeploymentInFlightBelowTheStatusTable() {
        Deployment running = aDeployment().id("c1b2c3d4e5f6").of("0.1.32-dev", "0.1.32").running();
        EnvironmentState state = new EnvironmentState("hello", "dev", "local", Optional.empty(), Optional.of(running), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(state)));

        Run run = slipway.run("status", "dev");

        assertThat(run.out()).contains("hello   | dev | -       | -     | -  | unknown | unknown | -    | -")
                .contains("hello/dev: running 0.1.32-dev (deploy, deployment c1b2c3d4e5f6, by ci)");
    }

    @Test
    void listsTheHistoryNewestFirstWithTwentyDeploymentsByDefault() {
        slipway.ports.withHistory(List.of(aDeployment().id("b1b2c3d4e5f6").of("0.1.32-dev", "0.1.32").failed(), aDeployment().succeeded()));

        Run run = slipway.run("history", "dev");

        assertThat(run.out()).isEqualTo("""
                ID           | Tag        | Env | Kind   | Status    | Name                         | Requested by | Started          | Took | Commits
                -------------+------------+-----+--------+-----------+------------------------------+--------------+------------------+------+--------
                b1b2c3d4e5f6 | 0.1.32-dev | dev | deploy | failed    | fix the login page (+1 more) | ci           | 2026-11-24 09:00 | 3.0s | 2
                a1b2c3d4e5f6 | 0.1.31-dev | dev | deploy | succeeded | fix the login page (+1 more) | ci           | 2026-11-24 09:00 | 5.0s | 2
                """);
        assertThat(slipway.ports.last(HistoryRequest.class)).isEqualTo(new HistoryRequest(Optional.empty(), Optional.of("dev"), 20));
    }

    @Test
    void filtersTheHistoryByEnvironmentsStatusesAndDays() {
        Run run = slipway.run("history", "--environments", "dev,prod", "--status", "failed,rolled_back", "--from", "2026-11-01", "--to", "2026-11-30");

        assertThat(run.exit()).as(run.toString()).isZero();
        HistoryRequest asked = slipway.ports.last(HistoryRequest.class);
        assertThat(asked.environments()).containsExactlyInAnyOrder("dev", "prod");
        assertThat(asked.statuses()).containsExactlyInAnyOrder(dev.slipway.domain.deployment.Status.FAILED, dev.slipway.domain.deployment.Status.ROLLED_BACK);
        assertThat(asked.since()).contains(java.time.Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(asked.before()).contains(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void refusesAnUnknownStatusOrAMalformedDayAsBadInput() {
        Run status = slipway.run("history", "--status", "exploded");
        Run day = slipway.run("history", "--from", "yesterday");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.out() + status.err()).contains("'exploded' is not a status").doesNotContain("Exception");
        assertThat(day.exit()).isEqualTo(2);
        assertThat(day.out() + day.err()).contains("--from must be a day");
    }

    @Test
    void limitsTheHistoryToTheNumberAsked() {
        slipway.run("history", "--limit", "5");

        assertThat(slipway.ports.last(HistoryRequest.class).limit()).isEqualTo(5);
    }

    @Test
    void showsWhatEachStepJournaledInTextAndJson() {
        Deployment d = aDeployment().running().stepRemembered("roll-out", "ecs.deployment-id", "ecs-svc/123", Fixtures.T0.plusSeconds(2))
                .stepFinished("roll-out", dev.slipway.domain.deployment.StepStatus.SUCCEEDED, "0.1.31-dev runs", Fixtures.T0.plusSeconds(4))
                .succeed(Fixtures.T0.plusSeconds(5));
        slipway.ports.showing(new QueryOutcome.Answer<>(d));

        Run text = slipway.run("show", "a1b2c3d4e5f6");
        Run json = slipway.run("show", "a1b2c3d4e5f6", "--output", "json");

        assertThat(text.out()).contains("step details\n  roll-out\n    ecs.deployment-id: ecs-svc/123\n");
        var rollOut = json.json().get("deployment").get("steps").get(1);
        assertThat(rollOut.get("name").asString()).isEqualTo("roll-out");
        assertThat(rollOut.get("state").get("ecs.deployment-id").asString()).isEqualTo("ecs-svc/123");
        assertThat(json.json().get("deployment").get("schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void showsOneDeploymentWithItsStepsAndCommits() {
        slipway.ports.showing(new QueryOutcome.Answer<>(aDeployment().rolledBack()));

        Run run = slipway.run("show", "a1b2c3d4e5f6");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("deployment a1b2c3d4e5f6: deploy hello 0.1.31-dev on dev (rolled back)\n")
                .contains("  restored:    0.1.30-dev\n")
                .contains("  failure:     health check kept failing\n")
                .contains("roll-out | failed    | health check kept failing | 29.0s")
                .contains("a1b2c3d fix the login page (alice)");
        assertThat(slipway.ports.requests).contains("a1b2c3d4e5f6");
    }

    @Test
    void exitsTwoWhenTheDeploymentToShowIsUnknown() {
        slipway.ports.showing(new Invalid("no deployment a1b2c3d4e5f6", "`slipway history` lists the deployments"));

        Run run = slipway.run("show", "a1b2c3d4e5f6");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("invalid: no deployment a1b2c3d4e5f6\n`slipway history` lists the deployments\n");
    }

    @Test
    void locksAnEnvironmentWithAReasonAndUnlocksIt() {
        slipway.ports.locking(new LockOutcome.Locked(Fixtures.manualLock("prod", "ci-bot", "release freeze")));
        Run locked = slipway.run("lock", "prod", "--reason", "release freeze");

        slipway.ports.locking(new LockOutcome.Unlocked(Fixtures.manualLock("prod", "ci-bot", "release freeze")));
        Run unlocked = slipway.run("unlock", "prod");

        assertThat(locked.exit()).isZero();
        assertThat(locked.out()).isEqualTo("locked hello/prod: nobody deploys there until it is unlocked\nnext: slipway unlock prod --service hello\n");
        assertThat(slipway.ports.last(LockCommand.class).reason()).isEqualTo("release freeze");
        assertThat(unlocked.out()).isEqualTo("unlocked hello/prod (was held by ci-bot: release freeze)\n");
        assertThat(slipway.ports.last(UnlockCommand.class).environment()).isEqualTo("prod");
    }

    @Test
    void unlockingAnEnvironmentThatIsNotLockedSucceedsSayingSo() {
        slipway.ports.locking(new LockOutcome.NotLocked(new dev.slipway.domain.lock.LockKey("hello", "prod")));

        Run run = slipway.run("unlock", "prod");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("hello/prod was not locked; nothing to do\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusCheckExitsOneNamingEachEnvironmentThatIsDownOrDrifting() {
        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(devRunning(), prodFrozenAndDrifting())));

        Run failing = slipway.run("status", "--check");

        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.out()).contains("Service | Env");
        assertThat(failing.err()).startsWith("status check failed: hello/prod is down: the target runs v0.1.29, the registry says v0.1.30\n")
                .contains("next: ");

        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(devRunning())));
        Run passing = slipway.run("status", "--check");
        assertThat(passing.exit()).isZero();
        assertThat(passing.err()).isEmpty();

        slipway.ports.withStatus(new QueryOutcome.Answer<>(List.of(devRunning(), prodFrozenAndDrifting())));
        Run json = slipway.run("status", "--check", "--output", "json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.json().path("outcome").asString()).isEqualTo("check_failed");
        assertThat(json.json().path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void exitsThreeWhenALockIsRefused() {
        slipway.ports.locking(new Refused("lock", "ops holds hello/prod", "ask ops"));

        assertThat(slipway.run("lock", "prod", "--reason", "mine").exit()).isEqualTo(3);
    }
}
