package dev.slipway.application.service;

import dev.slipway.application.port.in.Approve.RejectCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.StepStatus;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static dev.slipway.application.service.SlipwayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every writer of a deployment loses a race the same way: its write is refused by the registry's compare-and-set, the
 * decision saved first stands, and the loser's caller is told what that decision was. The in-memory registry lets
 * another writer save between a writer's read and its write, which is where replicas meet in real life.
 */
class LostRacesTest {

    private static final Actor CAROL = Actor.of("carol", FrontEnd.CLI);

    private final SlipwayFixture slipway = new SlipwayFixture();

    @Test
    void anApprovalThatLostToARejectionIsRefusedNamingTheRejection() {
        Deployment waiting = waitingForApproval();
        slipway.registry.beforeNextSave(waiting.id(), () ->
                slipway.approvals.reject(new RejectCommand(waiting.id().value(), Optional.of("not today"), CAROL)));

        DeploymentOutcome outcome = slipway.approve(waiting.id().value(), BOB);

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("changed-meanwhile");
            assertThat(r.reason()).startsWith("deployment %s was already rejected by carol at ".formatted(waiting.id())).contains("cancelled now");
        });
        Deployment stored = slipway.registry.find(waiting.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.CANCELLED);
        assertThat(stored.approval()).map(Approval::decision).contains(Approval.Decision.REJECTED);
        assertThat(slipway.target.runningTag("hello", "prod")).isEmpty();
    }

    @Test
    void aRejectionThatLostToAnApprovalIsRefusedNamingTheApproval() {
        Deployment waiting = waitingForApproval();
        DeploymentOutcome[] approved = new DeploymentOutcome[1];
        slipway.registry.beforeNextSave(waiting.id(), () -> approved[0] = slipway.approve(waiting.id().value(), BOB));

        DeploymentOutcome outcome = slipway.approvals.reject(new RejectCommand(waiting.id().value(), Optional.of("too risky"), CAROL));

        assertThat(approved[0]).isInstanceOf(Succeeded.class);
        assertThat(outcome).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.reason()).startsWith("deployment %s was already approved by bob at ".formatted(waiting.id())).contains("succeeded now"));
        assertThat(slipway.registry.find(waiting.id()).orElseThrow().status()).isEqualTo(Status.SUCCEEDED);
        assertThat(slipway.target.runningTag("hello", "prod")).contains("v0.1.0");
    }

    @Test
    void aRejectionReadAfterAnApprovalWasSavedButBeforeItsRunStartedIsRefusedNamingTheApproval() {
        Deployment waiting = waitingForApproval();
        // Another replica approved and has not taken the lock yet: the deployment still awaits approval, decided.
        slipway.registry.save(waiting.approve(BOB, "ship it", slipway.clock.now()));

        DeploymentOutcome outcome = slipway.approvals.reject(new RejectCommand(waiting.id().value(), Optional.of("too risky"), CAROL));

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("approval");
            assertThat(r.reason()).startsWith("deployment %s was already approved by bob at ".formatted(waiting.id())).contains("awaiting_approval now");
        });
        assertThat(slipway.registry.find(waiting.id()).orElseThrow().approval()).map(Approval::decision).contains(Approval.Decision.APPROVED);
    }

    @Test
    void anExpiryThatLostToARejectionLeavesTheRejection() {
        Deployment waiting = waitingForApproval();
        slipway.clock.advance(Duration.ofHours(2));
        slipway.registry.beforeNextSave(waiting.id(), () -> {
            Deployment read = slipway.registry.find(waiting.id()).orElseThrow();
            slipway.registry.save(read.reject(CAROL, "not this week", read.approval().orElseThrow().expiresAt().minusSeconds(1)));
        });

        assertThat(slipway.abandoned.sweep("hello", "prod")).isEmpty();

        Deployment stored = slipway.registry.find(waiting.id()).orElseThrow();
        assertThat(stored.approval()).map(Approval::decision).contains(Approval.Decision.REJECTED);
        assertThat(stored.failure()).contains("rejected by carol: not this week");
    }

    @Test
    void theSweepNeverOverwritesAWriteItsOwnerMadeAfterTheSweepReadIt() {
        slipway.commitOn("dev", "first commit");
        Deployment first = ((Succeeded) slipway.deploy("dev")).deployment();
        Deployment slow = slipway.registry.save(Deployment.plan(DeploymentId.random(), Kind.DEPLOY, first.release(), "dev", Optional.empty(), ALICE,
                "slow", "", null, slipway.clock.now()).start("slow-process", slipway.clock.now()));
        slipway.locks.acquire(new LockKey("hello", "dev"), "slow-process", "alice", "deploy", Optional.of(Duration.ofSeconds(1)), Optional.of(slow.id().value()));
        slipway.clock.advance(Duration.ofSeconds(2));
        slipway.registry.beforeNextSave(slow.id(), () -> slipway.registry.save(slow.stepStarted("roll-out", slipway.clock.now())));

        assertThat(slipway.abandoned.sweep("hello", "dev")).isEmpty();

        Deployment stored = slipway.registry.find(slow.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.RUNNING);
        assertThat(stored.step("roll-out")).map(s -> s.status()).contains(StepStatus.RUNNING);
        assertThat(slipway.locks.current(new LockKey("hello", "dev"))).map(Lock::holder).contains("slow-process");
    }

    @Test
    void leavingNeverOverwritesAWriteMadeAfterItRead() {
        slipway.commitOn("dev", "first commit");
        Deployment first = ((Succeeded) slipway.deploy("dev")).deployment();
        Deployment mine = slipway.registry.save(Deployment.plan(DeploymentId.random(), Kind.DEPLOY, first.release(), "dev", Optional.empty(), ALICE,
                "mine", "", null, slipway.clock.now()).start("stopping-server", slipway.clock.now()));
        slipway.registry.beforeNextSave(mine.id(), () -> slipway.registry.save(mine.stepStarted("verify", slipway.clock.now())
                .stepFinished("verify", StepStatus.SUCCEEDED, "healthy", slipway.clock.now()).succeed(slipway.clock.now())));

        assertThat(slipway.abandoned.leave("stopping-server", "the server stopped")).isEmpty();

        assertThat(slipway.registry.find(mine.id()).orElseThrow().status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aRunWhoseLeaseWasTakenOverWritesNothingMoreAndSaysItLostTheLock() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second commit");
        LockKey devKey = new LockKey("hello", "dev");
        AtomicBoolean pausedOnce = new AtomicBoolean();
        Deployment[] interrupted = new Deployment[1];
        slipway.listeners.add(event -> {
            // The process pauses at its roll-out past its lease; another process takes the lock over and the sweep marks it.
            if (event instanceof DeploymentEvent.StepStarted started && started.step().equals("roll-out") && pausedOnce.compareAndSet(false, true)) {
                slipway.clock.advance(Duration.ofSeconds(16));
                slipway.locks.acquire(devKey, "other-process", "bob", "deploy", Optional.of(Duration.ofSeconds(15)), Optional.of("0123456789ab"));
                interrupted[0] = slipway.abandoned.sweep("hello", "dev").getFirst();
            }
        });

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).contains("lost its lock on hello/dev").contains("another process took over");
            assertThat(f.howToRecover()).contains("wrote nothing more");
            assertThat(f.deployment()).isEqualTo(interrupted[0]);
        });
        assertThat(slipway.registry.find(interrupted[0].id())).contains(interrupted[0]);
        assertThat(slipway.locks.current(devKey)).map(Lock::holder).contains("other-process");
    }

    @Test
    void aLockReadTheRegistryDoesNotAnswerBetweenStepsIsNotALostLockAndTheRunGoesOn() {
        slipway.commitOn("dev", "first commit");
        AtomicBoolean downOnce = new AtomicBoolean();
        slipway.listeners.add(event -> {
            // The database stops answering right after the roll-out was saved, before the next step checks its lease.
            if (event instanceof DeploymentEvent.StepFinished finished && finished.step().name().equals("roll-out") && downOnce.compareAndSet(false, true)) {
                slipway.locks.leaveUnanswered(1);
            }
        });

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(downOnce).isTrue();
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Succeeded.class);
        assertThat(slipway.locks.current(new LockKey("hello", "dev"))).isEmpty();
    }

    private Deployment waitingForApproval() {
        slipway.commitOn("main", "initial");
        slipway.commitOn("dev", "feature");
        slipway.deploy("dev");
        return ((AwaitingApproval) slipway.promote("dev", "prod", ALICE)).deployment();
    }
}
