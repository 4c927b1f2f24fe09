package dev.slipway.application.service;

import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.Locks.LockCommand;
import dev.slipway.application.port.in.Locks.UnlockCommand;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.access.AccessRules;
import dev.slipway.domain.access.Grant;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.release.CommitId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static dev.slipway.application.service.SlipwayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which commit a deploy means, whatever the front end: the environment's branch as published; the command line publishes
 * a branch that is ahead and refuses one that is behind or dirty; nothing goes backwards or repeats silently; waiting
 * for the lock decides the commit and version only once it is held; a refused request does not use up its key.
 */
class OneTruthTest {

    private static final Actor API = new Actor("ci-bot", FrontEnd.API, "", Set.of());
    private static final Actor WEBHOOK = Actor.of("github:ada", FrontEnd.WEBHOOK);

    private final SlipwayFixture slipway = new SlipwayFixture(new AccessRules(List.of(
            new Grant(Set.of("ci-bot"), Set.of(Role.DEPLOY, Role.ROLLBACK, Role.LOCK), Set.of(), Set.of("dev")))));
    private CommitId first;

    @BeforeEach
    void devIsPublishedOnOrigin() {
        first = slipway.commitOn("dev", "first commit");
        slipway.git.addRemote(slipway.repo);
        slipway.git.pushBranch(slipway.repo, "dev");
    }

    // ---------------------------------------------------------------- the command line publishes what it deploys

    @Test
    void pushesALocalBranchThatIsAheadBeforeTaggingSoTheRemoteHoldsTheDeployedCommit() {
        CommitId second = slipway.commitOn("dev", "second commit");

        Deployment deployed = succeeded(slipway.deploy("dev"));

        assertThat(deployed.release().commit()).isEqualTo(second);
        assertThat(slipway.git.remoteBranchHead(slipway.repo, "dev")).contains(second);
        assertThat(deployed.steps()).extracting(Step::name).containsSubsequence("publish", "tag");
        assertThat(slipway.git.pushedTags(slipway.repo)).containsExactly("0.1.0-dev");
    }

    @Test
    void refusesALocalBranchBehindTheRemoteSayingHowToCatchUp() {
        slipway.git.commitOnRemote(slipway.repo, "dev", Map.of("app.py", "teammate"), "a teammate's change", "bob");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("branch-not-published");
            assertThat(r.reason()).contains("1 commit behind origin/dev");
            assertThat(r.howToUnblock()).contains("git pull --ff-only");
        });
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();
        assertThat(slipway.target.rollouts()).isEmpty();
    }

    @Test
    void refusesABranchThatHasDivergedFromTheRemoteCountingBothSides() {
        slipway.git.commitOnRemote(slipway.repo, "dev", Map.of("README.md", "teammate"), "a teammate's change", "bob");
        slipway.git.commitOnRemote(slipway.repo, "dev", Map.of("README.md", "teammate again"), "another", "bob");
        slipway.commitOn("dev", "mine");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("branch-not-published");
            assertThat(r.reason()).contains("diverged").contains("1 commit only here").contains("2 commits only on origin");
            assertThat(r.howToUnblock()).contains("git pull --rebase origin dev");
        });
        assertThat(slipway.git.remoteBranchHead(slipway.repo, "dev")).isNotEqualTo(slipway.git.branchHead(slipway.repo, "dev"));
    }

    @Test
    void theBranchRuleStillHoldsForTheCommandLine() {
        slipway.commitOn("feature/x", "unfinished");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("branch"));
    }

    // ---------------------------------------------------------------- uncommitted changes

    @Test
    void refusesUncommittedChangesToTrackedFilesListingAtMostTen() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 1; i <= 12; i++) files.put("src/file%02d.py".formatted(i), "v1");
        slipway.git.commit(slipway.repo, "dev", files, "many files", "dana");
        files.keySet().forEach(path -> slipway.git.modifyWorkingCopy(slipway.repo, path));
        slipway.git.addUntrackedFile(slipway.repo, "scratch.txt");

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("uncommitted-changes");
            assertThat(r.reason()).contains("12 tracked files").contains("src/file01.py").contains("src/file10.py").contains("and 2 more")
                    .doesNotContain("src/file11.py").doesNotContain("scratch.txt");
            assertThat(r.howToUnblock()).contains("--allow-dirty");
        });
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();
    }

    @Test
    void untrackedFilesDoNotCount() {
        slipway.git.addUntrackedFile(slipway.repo, "scratch.txt");

        assertThat(slipway.deploy("dev")).isInstanceOf(Succeeded.class);
    }

    @Test
    void allowDirtyDeploysTheCommitAndSaysTheChangesAreNotInIt() {
        slipway.git.modifyWorkingCopy(slipway.repo, "app.py");

        Deployment deployed = succeeded(slipway.deploys.deploy(DeployCommand.of("dev", ALICE).allowDirty(true)));

        assertThat(deployed.release().commit()).isEqualTo(first);
        assertThat(deployed.step("check-working-copy").orElseThrow().detail()).contains("app.py").contains("NOT in this release");
    }

    // ---------------------------------------------------------------- nothing backwards, nothing repeated silently

    @Test
    void refusesTheCommitThatRunsAlreadyUnlessARedeployIsAsked() {
        succeeded(slipway.deploy("dev"));

        assertThat(slipway.deploy("dev")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("nothing-new");
            assertThat(r.reason()).contains("0.1.0-dev").contains(first.abbreviated());
            assertThat(r.howToUnblock()).contains("--redeploy");
        });
        assertThat(slipway.deploys.plan(DeployCommand.of("dev", ALICE))).as("plan answers the same")
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("nothing-new"));

        Deployment again = succeeded(slipway.deploys.deploy(DeployCommand.of("dev", ALICE).redeploy(true)));
        assertThat(again.kind()).isEqualTo(Kind.REDEPLOY);
        assertThat(again.release().tag()).isEqualTo("0.1.0-dev");
        assertThat(again.steps()).extracting(Step::name).doesNotContain("tag");
        assertThat(slipway.git.tagNames(slipway.repo)).containsExactly("0.1.0-dev");
    }

    @Test
    void anApiDeployRightAfterACommandLineDeployFindsNothingNewAndDeploysNothing() {
        slipway.commitOn("dev", "second commit");
        succeeded(slipway.deploy("dev"));

        DeploymentOutcome outcome = slipway.deploys.deploy(DeployCommand.of("dev", API).requestKey("api:ci-bot:1"));

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("nothing-new"));
        assertThat(slipway.registry.withStatus(Set.of(Status.values()))).extracting(Deployment::status)
                .as("the refusal is only recorded, where the request's Location points").containsExactlyInAnyOrder(Status.SUCCEEDED, Status.CANCELLED);
        assertThat(slipway.registry.find(DeploymentId.forRequest("api:ci-bot:1")).orElseThrow().failure()).hasValueSatisfying(f -> assertThat(f).contains("nothing-new"));
        assertThat(slipway.git.tagNames(slipway.repo)).containsExactly("0.1.0-dev");
        assertThat(slipway.target.rollouts()).hasSize(1);
    }

    @Test
    void refusesAnOlderCommitAfterTheRemoteWasForcedBackUnlessAllowed() {
        CommitId second = slipway.commitOn("dev", "second commit");
        succeeded(slipway.deploy("dev"));
        slipway.git.forcePushOnRemote(slipway.repo, "dev", first);

        assertThat(slipway.deploys.deploy(DeployCommand.of("dev", API))).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("older-than-running");
            assertThat(r.reason()).contains("0.1.1-dev").contains(first.abbreviated()).contains("is older than")
                    .contains("0.1.0-dev").contains(second.abbreviated());
            assertThat(r.howToUnblock()).contains("--allow-older").contains("slipway rollback dev");
        });

        Deployment back = succeeded(slipway.deploys.deploy(DeployCommand.of("dev", API).allowOlder(true)));
        assertThat(back.release().commit()).isEqualTo(first);
        assertThat(back.release().tag()).isEqualTo("0.1.1-dev");
        assertThat(back.step("check-history").orElseThrow().detail()).contains("--allow-older");
    }

    @Test
    void refusesACommitUnrelatedToTheRunningOne() {
        succeeded(slipway.deploy("dev"));
        CommitId stranger = slipway.git.commitOnRemote(slipway.repo, "orphan", Map.of("other.py", "x"), "another history", "eve");
        slipway.git.forcePushOnRemote(slipway.repo, "dev", stranger);

        assertThat(slipway.deploys.deploy(DeployCommand.of("dev", WEBHOOK))).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("older-than-running");
            assertThat(r.reason()).contains("is not related to");
        });
    }

    // ---------------------------------------------------------------- waiting for the lock

    @Test
    void aWaitingDeployDecidesItsCommitAndVersionOnceItHoldsTheLock() {
        succeeded(slipway.deploy("dev"));
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", BOB));
        CommitId[] madeWhileWaiting = new CommitId[1];
        slipway.whileWaiting.add(() -> {
            madeWhileWaiting[0] = slipway.commitOn("dev", "made while waiting");
            slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", BOB));
        });

        Deployment deployed = succeeded(slipway.deploys.deploy(DeployCommand.of("dev", ALICE).lockWait(Duration.ofMinutes(2))));

        assertThat(slipway.waits).singleElement().asString().contains("waiting up to 2m for the lock of hello/dev").contains("freeze")
                .contains("the branch head and the next version at the time it runs");
        assertThat(deployed.release().commit()).isEqualTo(madeWhileWaiting[0]);
        assertThat(deployed.release().tag()).isEqualTo("0.1.1-dev");
    }

    @Test
    void waitersDeployOneAfterAnotherUnderTheNextFreeVersion() {
        succeeded(slipway.deploy("dev"));
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", BOB));
        slipway.whileWaiting.add(() -> {
            slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", BOB));
            slipway.commitOn("dev", "taken by another waiter");
            succeeded(slipway.deploy("dev"));
            slipway.commitOn("dev", "pushed after that");
        });

        Deployment deployed = succeeded(slipway.deploys.deploy(DeployCommand.of("dev", ALICE).lockWait(Duration.ofMinutes(2))));

        assertThat(deployed.release().tag()).isEqualTo("0.1.2-dev");
        assertThat(deployed.notes().commits()).extracting(c -> c.subject()).containsExactly("pushed after that");
    }

    @Test
    void aWaiterWhoseHeadWasDeployedMeanwhileFindsNothingNew() {
        succeeded(slipway.deploy("dev"));
        slipway.commitOn("dev", "second commit");
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", BOB));
        slipway.whileWaiting.add(() -> {
            slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", BOB));
            succeeded(slipway.deploy("dev"));
        });

        DeploymentOutcome outcome = slipway.deploys.deploy(DeployCommand.of("dev", ALICE).lockWait(Duration.ofMinutes(2)));

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("nothing-new"));
        assertThat(slipway.git.tagNames(slipway.repo)).containsExactly("0.1.0-dev", "0.1.1-dev");
        assertThat(slipway.locks.current(new dev.slipway.domain.lock.LockKey("hello", "dev"))).isEmpty();
    }

    // ---------------------------------------------------------------- request keys

    @Test
    void aRequestRefusedBeforeAnyWorkDoesNotUseUpItsKey() {
        slipway.commitOn("dev", "second commit");
        slipway.git.pushBranch(slipway.repo, "dev");
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", BOB));
        DeployCommand request = DeployCommand.of("dev", API).requestKey("api:ci-bot:retry-me");

        assertThat(slipway.deploys.deploy(request)).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("lock"));
        slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", BOB));

        Deployment deployed = succeeded(slipway.deploys.deploy(request));
        assertThat(deployed.id()).isEqualTo(DeploymentId.forRequest("api:ci-bot:retry-me"));
        assertThat(slipway.deploys.deploy(request)).as("a key whose deployment exists names it")
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.rule()).isEqualTo("duplicate");
                    assertThat(r.reason()).contains(deployed.id().value()).contains("succeeded");
                });
    }

    @Test
    void anApiRefusalAfterWaitingIsRecordedWhereItsLocationPointsAndTheKeyMayBeSentAgain() {
        slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", BOB));
        DeployCommand request = DeployCommand.of("dev", API).requestKey("api:ci-bot:wait").lockWait(Duration.ofMinutes(1));
        DeploymentId id = DeploymentId.forRequest("api:ci-bot:wait");

        assertThat(slipway.deploys.deploy(request)).isInstanceOf(TimedOut.class);

        assertThat(slipway.registry.find(id)).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(Status.CANCELLED);
            assertThat(d.failure()).hasValueSatisfying(f -> assertThat(f).contains("lock").contains("freeze"));
        });
        slipway.lockService.unlock(new UnlockCommand(Optional.empty(), "dev", BOB));
        assertThat(succeeded(slipway.deploys.deploy(request)).id()).isEqualTo(id);
        assertThat(slipway.registry.find(id)).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(Status.SUCCEEDED));
    }

    // ---------------------------------------------------------------- tags

    @Test
    void aPushedTagDeploysAsTheRemoteHasItAndNothingIsEverCreated() {
        assertThat(slipway.deploys.deploy(DeployCommand.of("dev", WEBHOOK).remoteTag("0.4.0-dev", Optional.empty())))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("tag-not-on-remote"));
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();
        assertThat(slipway.git.pushedTags(slipway.repo)).isEmpty();

        slipway.git.tagOnRemote(slipway.repo, "0.4.0-dev", first);
        assertThat(slipway.deploys.deploy(DeployCommand.of("dev", WEBHOOK).remoteTag("0.4.0-dev", Optional.of("0123456789abcdef0123456789abcdef01234567"))))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("tag-mismatch"));

        Deployment deployed = succeeded(slipway.deploys.deploy(DeployCommand.of("dev", WEBHOOK).remoteTag("0.4.0-dev", Optional.of(first.sha()))));
        assertThat(deployed.release().tag()).isEqualTo("0.4.0-dev");
        assertThat(deployed.release().commit()).isEqualTo(first);
        assertThat(deployed.steps()).extracting(Step::name).doesNotContain("tag");
        assertThat(slipway.git.pushedTags(slipway.repo)).containsExactly("0.4.0-dev");
    }

    @Test
    void aTagWhosePushFailedIsDeletedSoItsVersionIsNotSkipped() {
        slipway.git.failNext("pushTag", false);

        assertThat(slipway.deploy("dev")).isInstanceOf(NotDeployed.class);
        assertThat(slipway.git.tagNames(slipway.repo)).isEmpty();

        assertThat(succeeded(slipway.deploy("dev")).release().tag()).isEqualTo("0.1.0-dev");
    }

    private static Deployment succeeded(DeploymentOutcome outcome) {
        assertThat(outcome).isInstanceOf(Succeeded.class);
        return ((Succeeded) outcome).deployment();
    }
}
