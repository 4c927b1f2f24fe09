package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static dev.slipway.application.service.SlipwayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

class PromoteServiceTest {

    private final SlipwayFixture slipway = new SlipwayFixture();

    @Test
    void fastForwardsMainToTheTestedCommitAndTagsItWithTheProductionPattern() {
        slipway.commitOn("main", "initial");
        var tested = slipway.commitOn("dev", "feature");
        slipway.deploy("dev");
        slipway.commitOn("dev", "not yet deployed");

        var waiting = (AwaitingApproval) slipway.promote("dev", "prod", ALICE);
        assertThat(slipway.git.branchHead(slipway.repo, "main")).as("nothing is merged before the approval").isNotEqualTo(java.util.Optional.of(tested));
        var outcome = slipway.approve(waiting.deployment().id().value(), BOB);

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, s -> {
            assertThat(s.deployment().kind()).isEqualTo(Kind.PROMOTE);
            assertThat(s.deployment().release().tag()).isEqualTo("v0.1.0");
            assertThat(s.deployment().release().commit()).isEqualTo(tested);
        });
        assertThat(slipway.git.branchHead(slipway.repo, "main")).contains(tested);
        assertThat(slipway.git.tag(slipway.repo, "v0.1.0")).contains(tested);
        assertThat(slipway.git.tag(slipway.repo, "0.1.0-dev")).contains(tested);
    }

    @Test
    void fetchesFirstAndMergesOntoTheBranchAsTheRemoteHasIt() {
        var promotable = new SlipwayFixture(dev.slipway.domain.rollback.RollbackPolicy.AUTOMATIC, dev.slipway.domain.environment.ApprovalRule.NONE);
        promotable.commitOn("main", "initial");
        var tested = promotable.commitOn("dev", "feature");
        promotable.git.addRemote(promotable.repo);
        promotable.git.pushBranch(promotable.repo, "main");
        promotable.git.pushBranch(promotable.repo, "dev");
        promotable.deploy("dev");
        var hotfix = promotable.git.commitOnRemote(promotable.repo, "main", Map.of("README.md", "hotfix"), "hotfix pushed elsewhere", "erin");

        var outcome = promotable.promote("dev", "prod", ALICE);

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, s -> {
            var head = s.deployment().release().commit();
            assertThat(promotable.git.isAncestor(promotable.repo, hotfix, head)).isTrue();
            assertThat(promotable.git.isAncestor(promotable.repo, tested, head)).isTrue();
            assertThat(promotable.git.remoteBranchHead(promotable.repo, "main")).contains(head);
        });
    }

    @Test
    void refusesAConflictingMergeNamingTheFiles() {
        slipway.git.commit(slipway.repo, "main", Map.of("app.py", "base"), "initial", "dana");
        slipway.git.commit(slipway.repo, "dev", Map.of("app.py", "dev side"), "dev change", "dana");
        slipway.git.commit(slipway.repo, "main", Map.of("app.py", "hotfix"), "hotfix on main", "dana");
        slipway.git.checkout(slipway.repo, "dev");
        slipway.deploy("dev");

        var waiting = (AwaitingApproval) slipway.promote("dev", "prod", ALICE);

        assertThat(slipway.approve(waiting.deployment().id().value(), BOB)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("merge");
            assertThat(r.reason()).contains("app.py");
        });
        assertThat(slipway.git.tag(slipway.repo, "v0.1.0")).isEmpty();
        assertThat(slipway.registry.find(waiting.deployment().id()).orElseThrow().status()).isEqualTo(dev.slipway.domain.deployment.Status.CANCELLED);
        assertThat(slipway.target.runningTag("hello", "prod")).isEmpty();
    }

    @Test
    void plansThePromotionWithoutDoingItAndCountsItsDurationFromTheApproval() {
        slipway.commitOn("main", "initial");
        slipway.commitOn("dev", "feature");
        slipway.deploy("dev");

        var plan = slipway.promotions.plan(new dev.slipway.application.port.in.Promote.PromoteCommand(java.util.Optional.empty(), "dev", "prod",
                java.time.Duration.ZERO, java.util.Optional.empty(), ALICE));

        assertThat(plan).isInstanceOfSatisfying(dev.slipway.application.port.in.PlanOutcome.Planned.class, p -> {
            assertThat(p.kind()).isEqualTo(dev.slipway.domain.deployment.Kind.PROMOTE);
            assertThat(p.tag()).isEqualTo("v0.1.0");
            assertThat(p.promotedFrom()).contains("dev");
            assertThat(p.approvalRequired()).isTrue();
            assertThat(p.wouldRun()).isTrue();
        });
        assertThat(slipway.git.tag(slipway.repo, "v0.1.0")).isEmpty();
        assertThat(slipway.registry.history(dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery.of("hello", "prod", 10))).isEmpty();

        var waiting = (AwaitingApproval) slipway.promote("dev", "prod", ALICE);
        slipway.clock.advance(java.time.Duration.ofMinutes(20));
        var done = (dev.slipway.application.port.in.DeploymentOutcome.Succeeded) slipway.approve(waiting.deployment().id().value(), BOB);

        assertThat(done.deployment().approvalWait()).contains(java.time.Duration.ofMinutes(20));
        assertThat(done.deployment().duration().orElseThrow()).isLessThan(java.time.Duration.ofMinutes(20));
        assertThat(dev.slipway.application.presentation.OutcomePresenter.present(done).message()).contains("(after 20m00s waiting for approval)");
    }

    @Test
    void refusesToPromoteFromAnEnvironmentThatRunsNothing() {
        slipway.commitOn("dev", "feature");

        assertThat(slipway.promote("dev", "prod", ALICE)).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("runs no release"));
    }

    @Test
    void refusesToPromoteAgainstTheConfiguredDirection() {
        slipway.commitOn("dev", "feature");
        slipway.deploy("dev");

        assertThat(slipway.promote("prod", "dev", BOB)).isInstanceOfSatisfying(Invalid.class, i -> {
            assertThat(i.reason()).contains("prod is promoted from dev, not the other way round");
            assertThat(i.hint()).isEqualTo("did you mean `slipway promote dev prod`?");
        });
    }

    @Test
    void mergesWithACommitWhenMainMovedOnAndDeploysAtOnceWhereNoApprovalIsNeeded() {
        SlipwayFixture open = new SlipwayFixture(dev.slipway.domain.rollback.RollbackPolicy.AUTOMATIC, dev.slipway.domain.environment.ApprovalRule.NONE);
        open.git.commit(open.repo, "main", Map.of("README.md", "base"), "initial", "dana");
        var tested = open.git.commit(open.repo, "dev", Map.of("app.py", "feature"), "feature", "dana");
        open.git.commit(open.repo, "main", Map.of("NOTES.md", "hotfix notes"), "notes on main", "dana");
        open.git.checkout(open.repo, "dev");
        open.deploy("dev");

        var outcome = open.promote("dev", "prod", ALICE);

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, s -> {
            assertThat(s.deployment().release().tag()).isEqualTo("v0.1.0");
            assertThat(s.deployment().release().commit()).isNotEqualTo(tested);
            assertThat(s.deployment().step("merge").orElseThrow().detail()).contains("merged 0.1.0-dev into main");
        });
        var head = open.git.branchHead(open.repo, "main").orElseThrow();
        assertThat(open.git.parents(open.repo, head)).contains(tested);
        assertThat(open.git.files(open.repo, head)).containsKeys("app.py", "NOTES.md");
        assertThat(open.target.runningTag("hello", "prod")).contains("v0.1.0");
    }
}
