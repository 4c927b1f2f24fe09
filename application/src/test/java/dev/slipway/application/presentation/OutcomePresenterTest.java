package dev.slipway.application.presentation;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.StepStatus;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomePresenterTest {

    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    static Release release(String tag, String version) {
        return Release.of("hello", Version.parse(version), tag, CommitId.of(SHA));
    }

    static Deployment planned() {
        ReleaseNotes notes = new ReleaseNotes(Optional.of("0.1.30-dev"), List.of(new Commit(CommitId.of(SHA), "alice", T0.minusSeconds(600), "fix the login")));
        return Deployment.plan(DeploymentId.of("a1b2c3d4e5f6"), Kind.DEPLOY, release("0.1.31-dev", "0.1.31"), "dev",
                Optional.of(release("0.1.30-dev", "0.1.30")), Actor.of("ci", FrontEnd.CLI), "", "", notes, T0);
    }

    static Deployment running() {
        return planned().start("test", T0).stepStarted("roll-out", T0.plusSeconds(1));
    }

    @Test
    void aSuccessIsSucceededExitZeroAndOk() {
        Deployment d = running().stepFinished("roll-out", StepStatus.SUCCEEDED, "runs", T0.plusSeconds(3)).succeed(T0.plusMillis(3200));
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.Succeeded(d));
        assertThat(p.outcome()).isEqualTo("succeeded");
        assertThat(p.message()).isEqualTo("hello 0.1.31-dev on dev: deploy a1b2c3d4e5f6 succeeded in 3.2s");
        assertThat(p.exitCode()).isZero();
        assertThat(p.httpStatus()).isEqualTo(200);
        assertThat(p.next()).isNull();
        assertThat(p.deployment()).contains(d);
    }

    @Test
    void aFailureBeforeAnythingChangedIsNotDeployedAndNeverCalledARollback() {
        Deployment d = running().fail("the artifact build failed", T0.plusSeconds(2));
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.NotDeployed(d, "0.1.30-dev", "the artifact build failed"));
        assertThat(p.outcome()).isEqualTo("not_deployed");
        assertThat(p.message()).isEqualTo("hello 0.1.31-dev on dev failed before anything changed: the artifact build failed; 0.1.30-dev still runs")
                .doesNotContain("rolled back");
        assertThat(p.exitCode()).isEqualTo(4);
        assertThat(p.reason()).isEqualTo("the artifact build failed");
        assertThat(p.next()).contains("slipway show a1b2c3d4e5f6");
    }

    @Test
    void aRollbackSaysWhatRunsAgain() {
        Deployment d = running().startRollback("unhealthy", release("0.1.30-dev", "0.1.30"), T0.plusSeconds(5)).rolledBack(T0.plusSeconds(9));
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.RolledBack(d, "0.1.30-dev", "unhealthy"));
        assertThat(p.outcome()).isEqualTo("rolled_back");
        assertThat(p.message()).endsWith("failed and was rolled back: unhealthy; 0.1.30-dev runs again");
        assertThat(p.exitCode()).isEqualTo(4);
        assertThat(OutcomePresenter.present(new DeploymentOutcome.RolledBack(d, "", "unhealthy")).message())
                .endsWith("the environment runs nothing again, as before");
    }

    @Test
    void aFailureThatWasNotRolledBackSaysHowToRecover() {
        Deployment d = running().fail("exit 1", T0.plusSeconds(2));
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.Failed(d, "exit 1", "slipway rollback dev"));
        assertThat(p.outcome()).isEqualTo("failed");
        assertThat(p.exitCode()).isEqualTo(5);
        assertThat(p.next()).isEqualTo("slipway rollback dev");
        assertThat(p.text()).isEqualTo("hello 0.1.31-dev on dev failed: exit 1; the environment may not be as it was\nto recover: slipway rollback dev");
    }

    @Test
    void waitingForApprovalIsRefusedForAHeadlessCallerAndAcceptedOverHttp() {
        Deployment d = planned().awaitApproval(T0, T0.plus(Duration.ofHours(1)));
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.AwaitingApproval(d, T0.plus(Duration.ofHours(1)), "bob may approve it"));
        assertThat(p.outcome()).isEqualTo("awaiting_approval");
        assertThat(p.message()).isEqualTo("hello 0.1.31-dev on dev waits for approval until 2026-11-24 10:00 UTC (deployment a1b2c3d4e5f6); bob may approve it");
        assertThat(p.rule()).isEqualTo("approval");
        assertThat(p.exitCode()).isEqualTo(3);
        assertThat(p.httpStatus()).isEqualTo(202);
        assertThat(p.line()).endsWith("; to approve: slipway approve a1b2c3d4e5f6");
    }

    @Test
    void aCancelledDeploymentIsExitThree() {
        Deployment d = planned().cancel("rejected by bob", T0.plusSeconds(60));
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.Cancelled(d, "rejected by bob"));
        assertThat(p.outcome()).isEqualTo("cancelled");
        assertThat(p.message()).isEqualTo("deployment a1b2c3d4e5f6 of hello 0.1.31-dev on dev was cancelled: rejected by bob");
        assertThat(p.exitCode()).isEqualTo(3);
    }

    @Test
    void aWaitThatRanOutIsTimedOutExitSix() {
        Presentation p = OutcomePresenter.present(new DeploymentOutcome.TimedOut("the lock on hello/dev", "held by alice"));
        assertThat(p.outcome()).isEqualTo("timed_out");
        assertThat(p.exitCode()).isEqualTo(6);
        assertThat(p.httpStatus()).isEqualTo(409);
        assertThat(p.deployment()).isEmpty();
    }

    @Test
    void aRefusalNamesItsRuleAndARoleRefusalIsForbidden() {
        Presentation lock = OutcomePresenter.present((DeploymentOutcome) new Refused("lock", "alice holds hello/dev", "wait"));
        assertThat(lock.outcome()).isEqualTo("refused");
        assertThat(lock.rule()).isEqualTo("lock");
        assertThat(lock.exitCode()).isEqualTo(3);
        assertThat(lock.httpStatus()).isEqualTo(409);
        assertThat(lock.text()).isEqualTo("refused by lock: alice holds hello/dev\nto unblock: wait");
        assertThat(OutcomePresenter.present(new Refused("role:deploy", "no", "ask")).httpStatus()).isEqualTo(403);
    }

    @Test
    void badInputIsInvalidExitTwo() {
        Presentation p = OutcomePresenter.present((DeploymentOutcome) new Invalid("no environment 'nosuchenv'", "see slipway.yml"));
        assertThat(p.outcome()).isEqualTo("invalid");
        assertThat(p.message()).isEqualTo("invalid: no environment 'nosuchenv'");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.httpStatus()).isEqualTo(400);
        assertThat(p.next()).isEqualTo("see slipway.yml");
    }

    @Test
    void theSameRefusalReadsTheSameWhicheverQuestionItAnswers() {
        Refused refused = new Refused("lock", "alice holds hello/dev", "wait");
        Presentation asDeploy = OutcomePresenter.present((DeploymentOutcome) refused);
        assertThat(OutcomePresenter.present((PlanOutcome) refused)).isEqualTo(asDeploy);
        assertThat(OutcomePresenter.present((LockOutcome) refused)).isEqualTo(asDeploy);
    }

    @Test
    void lockingAndUnlockingSucceed() {
        Lock lock = new Lock(new LockKey("hello", "dev"), "alice", "alice", "release freeze", T0, Optional.empty(), Optional.empty());
        Presentation locked = OutcomePresenter.present(new LockOutcome.Locked(lock));
        assertThat(locked.outcome()).isEqualTo("locked");
        assertThat(locked.exitCode()).isZero();
        assertThat(locked.next()).isEqualTo("slipway unlock dev --service hello");
        Presentation unlocked = OutcomePresenter.present(new LockOutcome.Unlocked(lock));
        assertThat(unlocked.outcome()).isEqualTo("unlocked");
        assertThat(unlocked.message()).isEqualTo("unlocked hello/dev (was held by alice: release freeze)");
    }

    @Test
    void aPlanThatWouldBeRefusedIsExitThreeNamingTheRule() {
        PlanOutcome.Planned refused = new PlanOutcome.Planned("hello", "dev", Kind.DEPLOY, "0.1.31-dev", SHA, Optional.empty(), Optional.of("main"),
                Optional.of("dev deploys from branch dev, not main"), List.of(), "local", false, Optional.empty(), false);
        Presentation p = OutcomePresenter.present(refused);
        assertThat(p.outcome()).isEqualTo("planned");
        assertThat(p.rule()).isEqualTo("branch");
        assertThat(p.exitCode()).isEqualTo(3);
        PlanOutcome.Planned fine = new PlanOutcome.Planned("hello", "dev", Kind.DEPLOY, "0.1.31-dev", SHA, Optional.empty(), Optional.of("dev"),
                Optional.empty(), List.of(), "local", false, Optional.empty(), false);
        assertThat(OutcomePresenter.present(fine).exitCode()).isZero();
    }

    @Test
    void theDeploymentDocumentSeparatesTagAndVersionAndCarriesEachStepsState() {
        Deployment d = running().stepRemembered("roll-out", "ssm.command-id", "c-123", T0.plusSeconds(2))
                .stepFinished("roll-out", StepStatus.SUCCEEDED, "runs", T0.plusSeconds(3)).succeed(T0.plusSeconds(4));
        DeploymentDocument document = DeploymentDocument.of(d);
        assertThat(document.schemaVersion()).isEqualTo(DeploymentDocument.SCHEMA_VERSION);
        assertThat(document.tag()).isEqualTo("0.1.31-dev");
        assertThat(document.version()).isEqualTo("0.1.31");
        assertThat(document.status()).isEqualTo("succeeded");
        assertThat(document.steps()).singleElement().satisfies(step -> assertThat(step.state()).containsEntry("ssm.command-id", "c-123"));
        assertThat(document.approval()).isNull();
    }
}
