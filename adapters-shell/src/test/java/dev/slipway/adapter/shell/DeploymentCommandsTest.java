package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Harness.Run;
import dev.slipway.application.port.in.Approve.ApproveCommand;
import dev.slipway.application.port.in.Approve.RejectCommand;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Cancelled;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Promote.PromoteCommand;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.in.Rollback.RollbackCommand;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.version.Bump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentCommandsTest {

    private final Harness slipway = new Harness();

    static Stream<Arguments> everyOutcomeAndItsExitCode() {
        return Stream.of(
                Arguments.of(new Succeeded(aDeployment().succeeded()), 0, "succeeded"),
                Arguments.of(new Invalid("no version 9.9.9", "run history to see the versions"), 2, "invalid: no version 9.9.9"),
                Arguments.of(new Refused("branch", "dev deploys only from branch 'dev'", "git switch dev"), 3, "refused by branch"),
                Arguments.of(new AwaitingApproval(aDeployment().awaitingApproval(), Instant.parse("2026-11-24T10:00:00Z"), "anyone but ci may approve it"),
                        3, "slipway approve a1b2c3d4e5f6"),
                Arguments.of(new Cancelled(aDeployment().cancelled(), "rejected by bob"), 3, "was cancelled: rejected by bob"),
                Arguments.of(new RolledBack(aDeployment().rolledBack(), "0.1.30-dev", "health check kept failing"), 4, "0.1.30-dev runs again"),
                Arguments.of(new Failed(aDeployment().failed(), "the process exited with 1", "slipway rollback dev"), 5, "to recover: slipway rollback dev"),
                Arguments.of(new TimedOut("the lock of hello/dev", "held by alice for 10m"), 6, "timed out waiting for the lock of hello/dev"));
    }

    @ParameterizedTest
    @MethodSource("everyOutcomeAndItsExitCode")
    void exitsWithTheCodeOfEachOutcomeAndSaysResultsOnStdoutAndProblemsOnStderr(DeploymentOutcome outcome, int exit, String said) {
        slipway.ports.answering(outcome);

        Run run = slipway.run("deploy", "dev");

        assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
        boolean problem = outcome instanceof Invalid || outcome instanceof Refused || outcome instanceof TimedOut;
        assertThat(problem ? run.err() : run.out()).contains(said);
        assertThat(problem ? run.out() : run.err()).doesNotContain(said);
    }

    @Test
    void printsTheStepsOfASucceededDeploymentAsATable() {
        slipway.ports.answering(new Succeeded(aDeployment().succeeded()));

        Run run = slipway.run("deploy", "dev");

        assertThat(run.out()).isEqualTo("""
                hello 0.1.31-dev on dev: deploy a1b2c3d4e5f6 succeeded in 5.0s

                Step     | Status    | Detail            | Took
                ---------+-----------+-------------------+------
                tag      | succeeded | tagged 0.1.31-dev | 400ms
                roll-out | succeeded | 0.1.31-dev runs   | 3.2s

                2 commits since 0.1.30-dev:
                  a1b2c3d fix the login page (alice)
                  0f1e2d3 add health endpoint (bob)
                """);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void saysARefusalAsTheRuleItsReasonAndHowToUnblock() {
        slipway.ports.answering(new Refused("lock", "alice holds hello/dev (a manual lock: freeze)", "slipway unlock dev"));

        Run run = slipway.run("deploy", "dev");

        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                refused by lock: alice holds hello/dev (a manual lock: freeze)
                to unblock: slipway unlock dev
                """);
    }

    @Test
    void passesEveryDeployOptionToThePortAsTheActorNamedBySlipwayActor() {
        slipway.ports.answering(new Succeeded(aDeployment().succeeded()));

        slipway.run("deploy", "dev", "--bump", "minor", "--name", "login", "--summary", "fix the login page, again",
                "--lock-wait", "10m", "--timeout", "1h30m", "--service", "hello");

        DeployCommand asked = slipway.ports.last(DeployCommand.class);
        assertThat(asked).isEqualTo(new DeployCommand(Optional.of("hello"), "dev", Optional.empty(), Optional.of(Bump.MINOR),
                Optional.of("login"), Optional.of("fix the login page, again"), Duration.ofMinutes(10), Optional.of(Duration.ofMinutes(90)),
                Actor.of("ci-bot", FrontEnd.CLI)));
    }

    @Test
    void passesTheFlagsThatLiftTheCommitRulesToThePort() {
        slipway.ports.answering(new Succeeded(aDeployment().succeeded()));

        slipway.run("deploy", "dev", "--allow-dirty", "--allow-older", "--redeploy");
        DeployCommand lifted = slipway.ports.last(DeployCommand.class);
        slipway.run("deploy", "dev");
        DeployCommand plain = slipway.ports.last(DeployCommand.class);

        assertThat(lifted.options()).isEqualTo(new dev.slipway.application.port.in.Deploy.Options(true, true, true, Optional.empty()));
        assertThat(plain.options()).isEqualTo(dev.slipway.application.port.in.Deploy.Options.NONE);
    }

    @Test
    void actsAsTheOperatingSystemUserWhenSlipwayActorIsNotSet() {
        Harness unnamed = new Harness(Fixtures.oneService(), Map.of());
        unnamed.ports.answering(new Succeeded(aDeployment().succeeded()));

        unnamed.run("deploy", "dev", "--version", "0.1.31");

        assertThat(unnamed.ports.last(DeployCommand.class).actor()).isEqualTo(Actor.of("operator", FrontEnd.CLI));
        assertThat(unnamed.ports.last(DeployCommand.class).version()).contains("0.1.31");
    }

    @Test
    void refusesHeadlessADeployToAnEnvironmentThatAsksForConfirmationWithoutYes() {
        slipway.ports.answering(new Succeeded(aDeployment().to("prod").of("v0.1.31", "0.1.31").succeeded()));

        Run run = slipway.run("deploy", "prod");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("refused by confirmation: prod asks for confirmation").contains("add --yes");
        assertThat(slipway.ports.requests).isEmpty();
    }

    @Test
    void deploysToAnEnvironmentThatAsksForConfirmationWhenYesIsGiven() {
        slipway.ports.answering(new Succeeded(aDeployment().to("prod").of("v0.1.31", "0.1.31").succeeded()));

        Run run = slipway.run("deploy", "prod", "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(slipway.ports.last(DeployCommand.class).environment()).isEqualTo("prod");
    }

    @Test
    void rollsBackToTheVersionAsked() {
        slipway.ports.answering(new Succeeded(aDeployment().of("0.1.29-dev", "0.1.29").succeeded()));

        Run run = slipway.run("rollback", "dev", "--to", "0.1.29-dev", "--lock-wait", "30s");

        assertThat(run.exit()).isZero();
        RollbackCommand asked = slipway.ports.last(RollbackCommand.class);
        assertThat(asked.to()).contains("0.1.29-dev");
        assertThat(asked.lockWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void promotesAfterTheConfirmationOfTheEnvironmentItGoesTo() {
        slipway.ports.answering(new Succeeded(aDeployment().to("prod").of("v0.1.31", "0.1.31").succeeded()));

        Run refused = slipway.run("promote", "dev", "prod");
        Run promoted = slipway.run("promote", "dev", "prod", "--yes", "--timeout", "15m");

        assertThat(refused.exit()).isEqualTo(3);
        assertThat(promoted.exit()).isZero();
        assertThat(slipway.ports.last(PromoteCommand.class)).isEqualTo(new PromoteCommand(Optional.empty(), "dev", "prod", Duration.ZERO,
                Optional.of(Duration.ofMinutes(15)), Actor.of("ci-bot", FrontEnd.CLI)));
    }

    @Test
    void approvesWithACommentAndRejectsWithAReason() {
        slipway.ports.answering(new Succeeded(aDeployment().succeeded()));
        slipway.run("approve", "A1B2C3", "--comment", "checked the migration");

        slipway.ports.answering(new Cancelled(aDeployment().cancelled(), "rejected by ci-bot: not today"));
        Run rejected = slipway.run("reject", "a1b2c3d4e5f6", "--reason", "not today");

        assertThat(slipway.ports.last(ApproveCommand.class).deploymentId()).isEqualTo("a1b2c3");
        assertThat(slipway.ports.last(ApproveCommand.class).comment()).contains("checked the migration");
        assertThat(slipway.ports.last(RejectCommand.class).reason()).contains("not today");
        assertThat(rejected.exit()).isZero();
        assertThat(rejected.out()).startsWith("rejected deployment a1b2c3d4e5f6 of ");
    }

    @Test
    void plansAPromotionWithPromotePlanAndWhenAPromotedEnvironmentIsPlanned() {
        slipway.ports.planning(Plans.promotion());

        Run promotePlan = slipway.run("promote", "dev", "prod", "--plan");
        Run plan = slipway.run("plan", "prod");

        for (Run run : List.of(promotePlan, plan)) {
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).contains("plan: promote hello v0.1.31 to prod").contains("promotes:    the release dev runs, as v0.1.31")
                    .contains("a promotion would start now (and wait for approval)");
        }
        assertThat(slipway.ports.requests).filteredOn(PromoteCommand.class::isInstance).hasSize(2)
                .allSatisfy(r -> assertThat(((PromoteCommand) r).from()).isEqualTo("dev"));
        assertThat(slipway.ports.requests).noneMatch(r -> r instanceof dev.slipway.application.port.in.Deploy.DeployCommand);
    }

    @Test
    void refusesADeploymentIdShorterThanSixHexDigitsAsAUsageError() {
        Run run = slipway.run("approve", "a1b2c");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("6 to 12 hex digits");
        assertThat(slipway.ports.requests).isEmpty();
    }

    @Test
    void printsTheIdAndTheCommandToApproveWhenADeploymentWaitsForApproval() {
        slipway.ports.answering(new AwaitingApproval(aDeployment().awaitingApproval(), Instant.parse("2026-11-24T10:00:00Z"),
                "anyone but ci may approve it with `slipway approve a1b2c3d4e5f6`"));

        Run run = slipway.run("deploy", "dev");

        assertThat(run.out()).isEqualTo("""
                hello 0.1.31-dev on dev waits for approval until 2026-11-24 10:00 UTC (deployment a1b2c3d4e5f6); anyone but ci may approve it with `slipway approve a1b2c3d4e5f6`
                to approve: slipway approve a1b2c3d4e5f6
                """);
    }

    @Test
    void answersOneLineWithoutAStackTraceWhenAnOutsideSystemFails() {
        slipway.ports.failingWith(new OutsideSystemFailure("git", "push tag 0.1.31-dev", true, "the remote hung up",
                new RuntimeException("socket closed")));

        Run run = slipway.run("deploy", "dev");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: git could not push tag 0.1.31-dev: the remote hung up (trying again later may help)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesOverLongTextAndOutOfBoundsWaitsAsBadInputBeforeAnythingRuns() {
        Run longName = slipway.run("deploy", "dev", "--name", "n".repeat(201));
        Run controlSummary = slipway.run("deploy", "dev", "--summary", "fine\nbut \u001b[31mred");
        Run longWait = slipway.run("deploy", "dev", "--lock-wait", "25h");
        Run iso = slipway.run("deploy", "dev", "--timeout", "PT10M");

        assertThat(longName.exit()).isEqualTo(2);
        assertThat(longName.out() + longName.err()).contains("the name is 201 characters long; at most 200 are allowed");
        assertThat(controlSummary.exit()).isEqualTo(2);
        assertThat(controlSummary.out() + controlSummary.err()).contains("the summary holds a control character (U+001B");
        assertThat(longWait.exit()).isEqualTo(2);
        assertThat(longWait.out() + longWait.err()).contains("lockWait is 1d1h; it must be from 0 to 1d");
        assertThat(iso.exit()).isEqualTo(2);
        assertThatThrownBy(() -> slipway.ports.last(DeployCommand.class)).hasMessageContaining("no DeployCommand was asked for");
    }

    @Test
    void tellsAnUnexpectedFailureByItsFirstLineNeverItsClassName() {
        slipway.ports.failingWith(new IllegalStateException("deployment a1b2c3d4e5f6 is SUCCEEDED\nsecond line"));

        Run run = slipway.run("deploy", "dev");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: unexpected failure: deployment a1b2c3d4e5f6 is SUCCEEDED; run again with --verbose, or see the log\n");
    }

    @Test
    void plansWithoutDeployingWhenAskedForThePlan() {
        slipway.ports.planning(Plans.wouldRun());

        Run run = slipway.run("deploy", "dev", "--plan");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(slipway.ports.last(FakeUseCases.Planning.class).command().environment()).isEqualTo("dev");
        assertThat(slipway.ports.requests).noneMatch(DeployCommand.class::isInstance);
        assertThat(run.out()).contains("plan: deploy hello 0.1.31-dev to dev from commit a1b2c3d on branch dev");
    }

    @Test
    void showsTheWavesBakeAndGatesAPlanWillApply() {
        slipway.ports.planning(Plans.progressive());

        Run run = slipway.run("plan", "prod");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("waves: +1, 50%, 100%\n").containsPattern("bake: +5m\n")
                .containsPattern("gates: +cloudwatch-alarms \\[hello-5xx]; prometheus sum\\(rate\\(http_5xx\\[1m]\\)\\) <= 0.05\n");
        slipway.ports.planning(Plans.wouldRun());
        assertThat(slipway.run("plan", "dev").out()).containsPattern("waves: +all at once\n").containsPattern("bake: +none\n").containsPattern("gates: +none\n");
    }

    @Test
    void answersAPlanWithThreeWhenTheDeployWouldBeRefused() {
        slipway.ports.planning(Plans.refusedByBranch());

        Run run = slipway.run("plan", "dev");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("branch:      dev deploys only from branch 'dev', and the repository is on 'main'")
                .contains("would be refused");
    }
}
