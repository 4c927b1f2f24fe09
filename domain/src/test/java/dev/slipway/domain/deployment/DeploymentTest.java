package dev.slipway.domain.deployment;

import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentTest {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Actor ALICE = Actor.of("alice", FrontEnd.CLI);
    private static final Actor BOB = Actor.of("bob", FrontEnd.SLACK);
    private static final Release V1 = Release.of("hello", new Version(0, 1, 0), "0.1.0-dev", CommitId.of("a".repeat(40)));
    private static final Release V2 = Release.of("hello", new Version(0, 1, 1), "0.1.1-dev", CommitId.of("b".repeat(40)));

    private static Deployment aDeploymentOf(Release release) {
        return Deployment.plan(DeploymentId.random(), Kind.DEPLOY, release, "dev", Optional.of(V1), ALICE, null, null, ReleaseNotes.EMPTY, T0);
    }

    @Test
    void runsThroughItsStepsToSuccessAndThenRunsItsRelease() {
        Deployment d = aDeploymentOf(V2).start("process-1", T0)
                .stepStarted("roll-out", T0.plusSeconds(1))
                .stepRemembered("roll-out", "pid", "4242", T0.plusSeconds(2))
                .stepFinished("roll-out", StepStatus.SUCCEEDED, "runs", T0.plusSeconds(3))
                .succeed(T0.plusSeconds(4));

        assertThat(d.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(d.resultingRelease()).contains(V2);
        assertThat(d.step("roll-out").orElseThrow().state()).containsEntry("pid", "4242");
        assertThat(d.step("roll-out").orElseThrow().elapsed()).contains(Duration.ofSeconds(2));
        assertThat(d.duration()).contains(Duration.ofSeconds(4));
        assertThat(d.owner()).contains("process-1");
    }

    @Test
    void aRolledBackDeploymentLeavesTheRestoredReleaseRunning() {
        Deployment d = aDeploymentOf(V2).start("p", T0).startRollback("verify failed", V1, T0).rolledBack(T0);

        assertThat(d.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(d.resultingRelease()).contains(V1);
        assertThat(d.failure()).contains("verify failed");
    }

    @Test
    void refusesTransitionsTheStateMachineDoesNotAllowNamingTheStatus() {
        Deployment planned = aDeploymentOf(V2);

        assertThatThrownBy(() -> planned.succeed(T0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is PLANNED").hasMessageContaining("only a running one can succeed");
        assertThatThrownBy(() -> planned.start("p", T0).start("p", T0)).hasMessageContaining("is RUNNING");
        assertThatThrownBy(() -> planned.start("p", T0).succeed(T0).fail("late", T0)).hasMessageContaining("is SUCCEEDED");
        assertThatThrownBy(() -> planned.rolledBack(T0)).hasMessageContaining("only one rolling back");
        assertThatThrownBy(() -> planned.stepStarted("tag", T0)).hasMessageContaining("steps run only while it runs");
        assertThatThrownBy(() -> planned.start("p", T0).stepFinished("tag", StepStatus.SUCCEEDED, "", T0)).hasMessageContaining("no running step tag");
    }

    @Test
    void waitsForApprovalAndStartsOnlyOnceApproved() {
        Deployment waiting = aDeploymentOf(V2).awaitApproval(T0, T0.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> waiting.start("p", T0)).hasMessageContaining("has not been approved yet");
        Deployment approved = waiting.approve(BOB, "ship it", T0.plusSeconds(60));
        assertThat(approved.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(approved.start("p", T0.plusSeconds(61)).status()).isEqualTo(Status.RUNNING);
        assertThatThrownBy(() -> approved.approve(BOB, "", T0)).hasMessageContaining("already approved");
    }

    @Test
    void anApprovalRequestExpiresAndCannotBeApprovedAfterwards() {
        Deployment waiting = aDeploymentOf(V2).awaitApproval(T0, T0.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> waiting.approve(BOB, "", T0.plus(Duration.ofHours(2)))).hasMessageContaining("expired");
        assertThatThrownBy(() -> waiting.expireApproval(T0.plusSeconds(5))).hasMessageContaining("still open");
        Deployment expired = waiting.expireApproval(T0.plus(Duration.ofHours(1)));
        assertThat(expired.status()).isEqualTo(Status.CANCELLED);
        assertThat(expired.approval().orElseThrow().decision()).isEqualTo(Approval.Decision.EXPIRED);
    }

    @Test
    void interruptionClosesTheStepThatWasRunning() {
        Deployment d = aDeploymentOf(V2).start("p", T0).stepStarted("roll-out", T0).interrupt("process died", T0.plusSeconds(30));

        assertThat(d.status()).isEqualTo(Status.INTERRUPTED);
        assertThat(d.step("roll-out").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(d.step("roll-out").orElseThrow().detail()).contains("interrupted: process died");
        assertThat(d.resultingRelease()).isEmpty();
        assertThatThrownBy(() -> d.interrupt("again", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void takesItsNameFromTheCommitsWhenNoneIsGiven() {
        var notes = new ReleaseNotes(Optional.of("0.1.0-dev"), java.util.List.of(
                new dev.slipway.domain.release.Commit(CommitId.of("c".repeat(40)), "dana", T0, "Add greeting"),
                new dev.slipway.domain.release.Commit(CommitId.of("d".repeat(40)), "dana", T0, "Fix typo")));

        Deployment d = Deployment.plan(DeploymentId.random(), Kind.DEPLOY, V2, "dev", Optional.empty(), ALICE, " ", null, notes, T0);

        assertThat(d.name()).isEqualTo("Add greeting (+1 more)");
    }

    @Test
    void deploymentIdsAreTwelveHexDigits() {
        assertThat(DeploymentId.random().value()).matches("[0-9a-f]{12}");
        assertThat(DeploymentId.of(" 0123456789AB ").value()).isEqualTo("0123456789ab");
        assertThatThrownBy(() -> DeploymentId.of("12;rm")).hasMessageContaining("not a deployment id");
    }
}
