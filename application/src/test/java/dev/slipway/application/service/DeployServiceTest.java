package dev.slipway.application.service;

import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Locks.LockCommand;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.deployment.StepStatus;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.rollback.FailureKind;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.Bump;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

class DeployServiceTest {

    private final SlipwayFixture slipway = new SlipwayFixture();

    @Test
    void deploysTheFirstReleaseAsZeroOneZeroTaggedOnTheBranchHead() {
        var head = slipway.commitOn("dev", "first commit");

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOf(Succeeded.class);
        Deployment d = ((Succeeded) outcome).deployment();
        assertThat(d.release().tag()).isEqualTo("0.1.0-dev");
        assertThat(d.release().commit()).isEqualTo(head);
        assertThat(d.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(d.kind()).isEqualTo(Kind.DEPLOY);
        assertThat(slipway.git.tag(slipway.repo, "0.1.0-dev")).contains(head);
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
        assertThat(d.steps()).extracting(Step::name).containsExactly("resolve-version", "check-branch", "tag", "artifact", "roll-out", "verify", "record");
        assertThat(d.steps()).extracting(Step::status).containsOnly(StepStatus.SUCCEEDED);
        assertThat(d.release().artifact()).contains("fake:0.1.0-dev@" + head.abbreviated());
        assertThat(slipway.registry.find(d.id())).contains(d);
    }

    @Test
    void theNextDeployBumpsThePatchAndCarriesTheCommitsSinceThePreviousRelease() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "add greeting");
        slipway.commitOn("dev", "fix typo");

        Deployment d = ((Succeeded) slipway.deploy("dev")).deployment();

        assertThat(d.release().tag()).isEqualTo("0.1.1-dev");
        assertThat(d.previous()).map(r -> r.tag()).contains("0.1.0-dev");
        assertThat(d.notes().since()).contains("0.1.0-dev");
        assertThat(d.notes().commits()).extracting(c -> c.subject()).containsExactly("fix typo", "add greeting");
        assertThat(d.name()).isEqualTo("fix typo (+1 more)");
        assertThat(slipway.runningInDev()).contains("0.1.1-dev");
    }

    @Test
    void ordersVersionsNumericallyWhenChoosingTheNext() {
        var head = slipway.commitOn("dev", "first commit");
        slipway.git.addTag(slipway.repo, "0.1.9-dev", head);
        slipway.git.addTag(slipway.repo, "0.1.10-dev", head);
        slipway.git.addTag(slipway.repo, "v9.9.9", head);

        assertThat(((Succeeded) slipway.deploy("dev")).deployment().release().tag()).isEqualTo("0.1.11-dev");
    }

    @Test
    void bumpsTheMinorVersionWhenAsked() {
        var head = slipway.commitOn("dev", "first commit");
        slipway.git.addTag(slipway.repo, "0.1.4-dev", head);

        var outcome = slipway.deploys.deploy(new DeployCommand(Optional.empty(), "dev", Optional.empty(), Optional.of(Bump.MINOR),
                Optional.of("Big change"), Optional.of("All of it"), Duration.ZERO, Optional.empty(), ALICE));

        Deployment d = ((Succeeded) outcome).deployment();
        assertThat(d.release().tag()).isEqualTo("0.2.0-dev");
        assertThat(d.name()).isEqualTo("Big change");
        assertThat(slipway.git.tagAnnotation(slipway.repo, "0.2.0-dev")).hasValueSatisfying(m -> assertThat(m).contains("Big change").contains("All of it"));
    }

    @Test
    void refusesADevDeployFromAnotherBranchNamingTheRule() {
        slipway.commitOn("dev", "first commit");
        slipway.commitOn("feature/x", "experiment");

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("branch");
            assertThat(r.reason()).contains("dev deploys only from branch 'dev'").contains("feature/x");
            assertThat(r.howToUnblock()).contains("git switch dev");
        });
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();
        assertThat(slipway.target.rollouts()).isEmpty();
        assertThat(slipway.auditLog.recent(1)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused"));
    }

    @Test
    void refusesAVersionThatIsNotMajorMinorPatch() {
        slipway.commitOn("dev", "first commit");

        assertThat(slipway.deploy("dev", "1.2")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("'1.2' is not a version"));
        assertThat(slipway.target.rollouts()).isEmpty();
    }

    @Test
    void refusesAnUnknownEnvironmentListingTheKnownOnes() {
        slipway.commitOn("dev", "first commit");

        assertThat(slipway.deploy("staging")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("no environment 'staging'").contains("dev, prod"));
    }

    @Test
    void deploysAnExplicitNewVersionAndRedeploysAnExistingOneWithoutTaggingAgain() {
        slipway.commitOn("dev", "first commit");
        assertThat(((Succeeded) slipway.deploy("dev", "0.3.0")).deployment().release().tag()).isEqualTo("0.3.0-dev");
        slipway.commitOn("dev", "second");
        slipway.deploy("dev");

        // 0.3.1-dev runs now, so going back to 0.3.0-dev is refused unless asked for on purpose.
        assertThat(slipway.deploy("dev", "0.3.0-dev")).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("older-than-running"));
        Deployment redeploy = ((Succeeded) slipway.deploys.deploy(DeployCommand.of("dev", ALICE).version("0.3.0-dev").allowOlder(true))).deployment();

        assertThat(redeploy.kind()).isEqualTo(Kind.REDEPLOY);
        assertThat(redeploy.steps()).extracting(Step::name).doesNotContain("tag");
        assertThat(slipway.runningInDev()).contains("0.3.0-dev");
    }

    @Test
    void namesADeploymentOfAnExistingTagFromTheTagsMessageUnlessTheCommandNamesIt() {
        var commit = slipway.commitOn("dev", "first commit");
        slipway.git.createTag(slipway.repo, "0.5.0-dev", commit, "New login page\n\nUsers sign in with SSO.", ALICE);

        Deployment fromTag = ((Succeeded) slipway.deploy("dev", "0.5.0-dev")).deployment();
        Deployment named = ((Succeeded) slipway.deploys.deploy(DeployCommand.of("dev", ALICE).version("0.5.0-dev").name("Hotfix again").redeploy(true)))
                .deployment();

        assertThat(fromTag.name()).isEqualTo("New login page");
        assertThat(fromTag.summary()).isEqualTo("Users sign in with SSO.");
        assertThat(named.name()).isEqualTo("Hotfix again");
        assertThat(named.summary()).isEqualTo("Users sign in with SSO.");
    }

    @Test
    void namesANewDeploymentAfterItsCommitsWhenTheCommandDoesNot() {
        slipway.commitOn("dev", "Add the health page");
        slipway.commitOn("dev", "Fix the footer");

        Deployment deployment = ((Succeeded) slipway.deploy("dev")).deployment();

        assertThat(deployment.name()).isEqualTo("Fix the footer (+1 more)");
    }

    @Test
    void refusesToRedeployATagThatIsNotOnTheEnvironmentsBranch() {
        slipway.commitOn("dev", "first commit");
        var side = slipway.commitOn("feature/x", "experiment");
        slipway.git.addTag(slipway.repo, "0.9.0-dev", side);
        slipway.git.checkout(slipway.repo, "dev");

        assertThat(slipway.deploy("dev", "0.9.0")).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("0.9.0-dev is not on it"));
    }

    @Test
    void pushesTheTagWhenTheRepositoryHasARemote() {
        slipway.git.addRemote(slipway.repo);
        slipway.commitOn("dev", "first commit");

        Deployment d = ((Succeeded) slipway.deploy("dev")).deployment();

        assertThat(slipway.git.pushedTags(slipway.repo)).contains("0.1.0-dev");
        assertThat(d.step("tag").orElseThrow().detail()).contains("pushed");
    }

    @Test
    void saysTheHolderIsDecidingWhenItsDeploymentIsNotRecordedYetRatherThanNamingAnUnknownId() {
        slipway.commitOn("dev", "first commit");
        slipway.locks.acquire(new LockKey("hello", "dev"), "other-process", "carol", "deploy (next version of dev)",
                Optional.of(Duration.ofSeconds(15)), Optional.of("0123456789ab"));

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("lock");
            assertThat(r.reason()).contains("carol holds hello/dev (deciding what to deploy").doesNotContain("0123456789ab");
        });
    }

    @Test
    void refusesNamingTheNewHolderAndChangesNothingWhenItsLockWasTakenOverWhileItDecidedWhatToDeploy() {
        slipway.commitOn("dev", "first commit");
        LockKey dev = new LockKey("hello", "dev");
        // The process stalls past its lease while it reads the tags; another process takes the lock over meanwhile.
        slipway.git.duringNext("tagNames", () -> {
            slipway.locks.release(dev, "test-process");
            slipway.locks.acquire(dev, "other-process", "carol", "deploy 0.1.0-dev", Optional.of(Duration.ofSeconds(15)), Optional.of("0123456789ab"));
        });

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("lock");
            assertThat(r.reason()).contains("carol holds hello/dev").contains("took the lock over while this process decided what to deploy")
                    .contains("nothing was changed");
        });
        assertThat(slipway.registry.withStatus(java.util.EnumSet.allOf(Status.class))).isEmpty();
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();
        assertThat(slipway.locks.current(dev)).map(l -> l.holder()).contains("other-process");
    }

    @Test
    void refusesWhileAnOperatorHoldsTheLockNamingHolderAndReason() {
        slipway.commitOn("dev", "first commit");
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "database migration", SlipwayFixture.BOB));

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("lock");
            assertThat(r.reason()).contains("bob").contains("database migration");
        });
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();
    }

    @Test
    void waitsForAHeldLockAndTimesOutWhenItIsNotFreed() {
        slipway.commitOn("dev", "first commit");
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", SlipwayFixture.BOB));
        var start = slipway.clock.now();

        var outcome = slipway.deploys.deploy(new DeployCommand(Optional.empty(), "dev", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofMinutes(2), Optional.empty(), ALICE));

        assertThat(outcome).isInstanceOfSatisfying(TimedOut.class, t -> assertThat(t.reason()).contains("freeze"));
        assertThat(Duration.between(start, slipway.clock.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void takesOverTheLockOfADeploymentWhoseProcessDiedAndMarksItInterrupted() {
        slipway.commitOn("dev", "first commit");
        Deployment first = ((Succeeded) slipway.deploy("dev")).deployment();
        Deployment stuck = Deployment.plan(dev.slipway.domain.deployment.DeploymentId.random(), Kind.DEPLOY, first.release(), "dev", Optional.empty(), ALICE, "stuck", "", null, slipway.clock.now())
                .start("dead-process", slipway.clock.now());
        slipway.registry.save(stuck);
        slipway.locks.acquire(new LockKey("hello", "dev"), "dead-process", "alice", "deploy", Optional.of(Duration.ofSeconds(15)), Optional.of(stuck.id().value()));

        assertThat(slipway.deploy("dev")).isInstanceOf(Refused.class);
        slipway.clock.advance(Duration.ofSeconds(16));
        slipway.commitOn("dev", "next");

        assertThat(slipway.deploy("dev")).isInstanceOf(Succeeded.class);
        assertThat(slipway.registry.find(stuck.id()).orElseThrow().status()).isEqualTo(Status.INTERRUPTED);
    }

    @Test
    void aStoppingProcessMarksItsOwnDeploymentsInterruptedAndFreesTheirLocks() {
        slipway.commitOn("dev", "first commit");
        Deployment first = ((Succeeded) slipway.deploy("dev")).deployment();
        Deployment mine = Deployment.plan(dev.slipway.domain.deployment.DeploymentId.random(), Kind.DEPLOY, first.release(), "dev", Optional.empty(), ALICE, "mine", "", null, slipway.clock.now())
                .start("stopping-server", slipway.clock.now());
        slipway.registry.save(mine);
        slipway.locks.acquire(new LockKey("hello", "dev"), "stopping-server", "alice", "deploy", Optional.of(Duration.ofSeconds(15)), Optional.of(mine.id().value()));

        var left = slipway.abandoned.leave("stopping-server", "the server stopped before it finished");

        assertThat(left).extracting(Deployment::id).containsExactly(mine.id());
        assertThat(slipway.registry.find(mine.id()).orElseThrow().status()).isEqualTo(Status.INTERRUPTED);
        assertThat(slipway.locks.current(new LockKey("hello", "dev"))).isEmpty();
        assertThat(slipway.registry.find(first.id()).orElseThrow().status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void rollsBackWhenHealthChecksKeepFailing() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "broken change");
        slipway.target.makeSick("0.1.1-dev");

        DeploymentOutcome outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(RolledBack.class, r -> {
            assertThat(r.restored()).isEqualTo("0.1.0-dev");
            assertThat(r.reason()).contains("verify failed").contains("unhealthy");
            assertThat(r.deployment().status()).isEqualTo(Status.ROLLED_BACK);
            assertThat(r.deployment().restored()).map(x -> x.tag()).contains("0.1.0-dev");
            assertThat(r.deployment().step("rollback").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
        });
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
        assertThat(slipway.locks.current(new LockKey("hello", "dev"))).isEmpty();
        // The audit trail says it in the words every front end uses, the same sentence too.
        assertThat(slipway.auditLog.recent(1)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("rolled_back");
            assertThat(e.detail()).isEqualTo(dev.slipway.application.presentation.OutcomePresenter.present(outcome).message());
        });
    }

    @Test
    void rollsBackAFailedVerificationEvenWhenTheRegistryDoesNotAnswerForAMomentWhileItLooksForTheReleaseToReturnTo() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "broken change");
        slipway.target.makeSick("0.1.1-dev");
        // In a deploy, only the search for the release to return to reads the history: it finds the registry down twice.
        slipway.registry.leaveHistoryUnanswered(2);

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(RolledBack.class, r -> {
            assertThat(r.restored()).isEqualTo("0.1.0-dev");
            assertThat(slipway.registry.find(r.deployment().id()).orElseThrow().status()).isEqualTo(Status.ROLLED_BACK);
        });
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
    }

    @Test
    void failsVerificationWhenTheReleaseAnswersAnotherVersion() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second");
        slipway.target.reportWrongVersion("0.1.1-dev", "0.0.1-dev");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(RolledBack.class, r -> {
            assertThat(r.reason()).contains("answers version '0.0.1-dev', expected 0.1.1-dev");
            assertThat(r.restored()).isEqualTo("0.1.0-dev");
        });
    }

    @Test
    void failsWithoutRollbackWhenThePolicyDoesNotCoverTheFailure() {
        SlipwayFixture rolloutOnly = new SlipwayFixture(new RollbackPolicy(true, Set.of(FailureKind.ROLLOUT)));
        rolloutOnly.commitOn("dev", "first commit");
        rolloutOnly.deploy("dev");
        rolloutOnly.commitOn("dev", "second");
        rolloutOnly.target.makeSick("0.1.1-dev");

        assertThat(rolloutOnly.deploy("dev")).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.deployment().status()).isEqualTo(Status.FAILED);
            assertThat(f.howToRecover()).contains("slipway rollback dev");
        });
        assertThat(rolloutOnly.runningInDev()).contains("0.1.1-dev");
    }

    @Test
    void leavesTheEnvironmentUntouchedWhenTheFirstReleaseFails() {
        slipway.commitOn("dev", "first commit");
        slipway.target.failRolloutOf("0.1.0-dev");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(NotDeployed.class, r -> {
            assertThat(r.deployment().status()).isEqualTo(Status.FAILED);
            assertThat(r.running()).isEmpty();
        });
        assertThat(slipway.runningInDev()).isEmpty();
    }

    @Test
    void failsWithoutARollbackWhenTheTargetKeptThePreviousReleaseServing() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "does not start");
        slipway.target.failRolloutOf("0.1.1-dev");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(NotDeployed.class, r -> {
            assertThat(r.deployment().status()).isEqualTo(Status.FAILED);
            assertThat(r.running()).isEqualTo("0.1.0-dev");
            assertThat(r.deployment().step("rollback")).isEmpty();
        });
        assertThat(slipway.target.rollouts()).containsExactly("hello/dev:0.1.0-dev", "hello/dev:0.1.1-dev");
    }

    @Test
    void failsWithoutRollbackWhenThePolicyIsManual() {
        SlipwayFixture manual = new SlipwayFixture(RollbackPolicy.MANUAL);
        manual.commitOn("dev", "first commit");
        manual.deploy("dev");
        manual.commitOn("dev", "broken");
        manual.target.makeSick("0.1.1-dev");

        assertThat(manual.deploy("dev")).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.howToRecover()).contains("manual"));
        assertThat(manual.runningInDev()).contains("0.1.1-dev");
        assertThat(manual.locks.all()).isEmpty();
    }

    @Test
    void skipsAPreviousReleaseWhoseArtifactIsGoneWhenRollingBack() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");
        slipway.commitOn("dev", "two");
        slipway.deploy("dev");
        slipway.commitOn("dev", "three");
        slipway.target.forget("0.1.1-dev");
        slipway.target.makeSick("0.1.2-dev");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.restored()).isEqualTo("0.1.0-dev"));
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
    }

    @Test
    void failsAsTimedOutWhenTheDeploymentRunsPastItsDeadline() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "slow");
        var command = new DeployCommand(Optional.empty(), "dev", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ZERO, Optional.of(Duration.ofSeconds(5)), ALICE);
        slipway.listeners.add(event -> {
            if (event instanceof DeploymentEvent.StepStarted) slipway.clock.advance(Duration.ofSeconds(2));
        });

        DeploymentOutcome outcome = slipway.deploys.deploy(command);

        assertThat(outcome).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason()).contains("timed out"));
    }

    @Test
    void journalsEveryStepBeforeAndAfterItRunsAndTellsTheNotifier() {
        slipway.commitOn("dev", "first commit");

        slipway.deploy("dev");

        var events = slipway.notifier.events();
        assertThat(events.getFirst()).isInstanceOf(DeploymentEvent.DeploymentStarted.class);
        assertThat(events.getLast()).isInstanceOf(DeploymentEvent.DeploymentFinished.class);
        assertThat(slipway.notifier.events(DeploymentEvent.StepStarted.class)).extracting(DeploymentEvent.StepStarted::step)
                .containsExactly("tag", "artifact", "roll-out", "verify", "record");
        assertThat(slipway.notifier.events(DeploymentEvent.StepStarted.class))
                .allSatisfy(e -> assertThat(e.deployment().step(e.step()).orElseThrow().status()).isEqualTo(StepStatus.RUNNING));
        assertThat(slipway.notifier.events(DeploymentEvent.StepProgressed.class)).isNotEmpty();
        assertThat(slipway.registry.find(events.getLast().deployment().id()).orElseThrow().step("roll-out").orElseThrow().state()).containsEntry("instance", "fake-1");
    }

    @Test
    void releasesTheLockAndRecordsTheFailureWhenAnAdapterThrows() {
        slipway.commitOn("dev", "first commit");
        slipway.git.failNext("exportTree");
        slipway.git.failNext("createTag");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(NotDeployed.class, r -> {
            assertThat(r.deployment().status()).isEqualTo(Status.FAILED);
            assertThat(r.deployment().step("tag").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
            assertThat(r.deployment().step("rollback")).isEmpty();
        });
        assertThat(slipway.locks.all()).isEmpty();
    }

    @Test
    void plansWithoutChangingAnything() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second");
        slipway.commitOn("feature/x", "third");

        var plan = slipway.deploys.plan(DeployCommand.of("dev", ALICE));

        assertThat(plan).isInstanceOfSatisfying(PlanOutcome.Planned.class, p -> {
            assertThat(p.tag()).isEqualTo("0.1.1-dev");
            assertThat(p.currentTag()).contains("0.1.0-dev");
            assertThat(p.branchRefusal()).hasValueSatisfying(r -> assertThat(r).contains("feature/x"));
            assertThat(p.wouldRun()).isFalse();
            assertThat(p.target()).isEqualTo("fake");
            assertThat(p.approvalRequired()).isFalse();
        });
        assertThat(slipway.git.tagNames(slipway.repo)).containsExactly("0.1.0-dev");
        assertThat(slipway.target.rollouts()).hasSize(1);
    }
}
