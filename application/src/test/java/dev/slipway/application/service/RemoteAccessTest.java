package dev.slipway.application.service;

import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Locks.LockCommand;
import dev.slipway.application.port.in.Promote.PromoteCommand;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.in.Rollback.RollbackCommand;
import dev.slipway.domain.access.AccessRules;
import dev.slipway.domain.access.Grant;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What Slack and API actors may do, by the grants in configuration, and how repeated requests are turned away. */
class RemoteAccessTest {

    private static final Actor DEV_USER = new Actor("U1", FrontEnd.SLACK, "T1", Set.of());
    private static final Actor GROUP_MEMBER = new Actor("U2", FrontEnd.SLACK, "T1", Set.of("S-release"));
    private static final Actor STRANGER = new Actor("U3", FrontEnd.SLACK, "T1", Set.of());

    private final SlipwayFixture slipway = new SlipwayFixture(new AccessRules(List.of(
            new Grant(Set.of("U1", "S-release"), Set.of(Role.DEPLOY, Role.ROLLBACK, Role.LOCK), Set.of(), Set.of("dev")),
            new Grant(Set.of("U1"), Set.of(Role.DEPLOY), Set.of("hello"), Set.of("prod")),
            new Grant(Set.of("S-release"), Set.of(Role.APPROVE), Set.of(), Set.of("prod")))));

    @BeforeEach
    void devHasABranch() {
        slipway.commitOn("main", "initial");
        slipway.commitOn("dev", "feature");
    }

    @Test
    void deploysForASlackUserWithTheDeployRole() {
        assertThat(deploy(DEV_USER, Optional.empty())).isInstanceOf(Succeeded.class);
    }

    @Test
    void refusesASlackUserWithoutTheRoleNamingTheRuleAndWhoCanHelp() {
        assertThat(deploy(STRANGER, Optional.empty())).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("role:deploy");
            assertThat(r.reason()).contains("U3@T1 (slack)", "hello/dev");
            assertThat(r.howToUnblock()).contains("S-release", "U1");
        });
        assertThat(slipway.registry.history(dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery.of("hello", "dev", 10))).isEmpty();
        assertThat(slipway.auditLog.recent(1).getFirst().outcome()).isEqualTo("refused");
    }

    @Test
    void letsAGroupMemberRollBackAndLockButNotDeployToProd() {
        deploy(DEV_USER, Optional.empty());
        slipway.commitOn("dev", "second");
        deploy(DEV_USER, Optional.empty());
        assertThat(slipway.rollbacks.rollback(new RollbackCommand(Optional.empty(), "dev", Optional.empty(), Duration.ZERO, Optional.empty(), GROUP_MEMBER)))
                .isInstanceOf(DeploymentOutcome.Succeeded.class);
        assertThat(slipway.lockService.lock(new LockCommand(Optional.empty(), "dev", "freeze", GROUP_MEMBER))).isInstanceOf(LockOutcome.Locked.class);
        assertThat(slipway.promotions.promote(new PromoteCommand(Optional.empty(), "dev", "prod", Duration.ZERO, Optional.empty(), GROUP_MEMBER)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("role:deploy"));
    }

    @Test
    void onlyAnApproverMayApproveAndTheRequesterNeverMay() {
        deploy(DEV_USER, Optional.empty());
        var waiting = (AwaitingApproval) slipway.promotions.promote(new PromoteCommand(Optional.empty(), "dev", "prod", Duration.ZERO, Optional.empty(), DEV_USER));
        String id = waiting.deployment().id().value();

        assertThat(slipway.approve(id, STRANGER)).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("role:approve"));
        assertThat(slipway.approve(id, new Actor("U1", FrontEnd.SLACK, "T1", Set.of("S-release"))))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("cannot approve it too"));
        assertThat(slipway.approve(id, GROUP_MEMBER)).isInstanceOf(Succeeded.class);
    }

    @Test
    void aRemoteRequestDeploysTheEnvironmentsBranchWhateverTheServersCheckoutHolds() {
        var devHead = slipway.git.branchHead(slipway.repo, "dev").orElseThrow();
        slipway.commitOn("feature/x", "unfinished work");

        assertThat(deploy(DEV_USER, Optional.empty())).isInstanceOfSatisfying(Succeeded.class,
                s -> assertThat(s.deployment().release().commit()).isEqualTo(devHead));
        assertThat(slipway.deploy("dev")).as("the command line still deploys only from the branch checked out")
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.rule()).isEqualTo("branch"));
    }

    @Test
    void theCommandLineIsNotSubjectToGrants() {
        assertThat(slipway.deploy("dev")).isInstanceOf(Succeeded.class);
    }

    @Test
    void aRepeatedRequestKeyNeverStartsASecondDeployment() {
        DeploymentOutcome first = deploy(DEV_USER, Optional.of("slack:T1:trigger-7"));
        DeploymentOutcome again = deploy(DEV_USER, Optional.of("slack:T1:trigger-7"));

        assertThat(first).isInstanceOfSatisfying(Succeeded.class,
                s -> assertThat(s.deployment().id()).isEqualTo(DeploymentId.forRequest("slack:T1:trigger-7")));
        assertThat(again).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("duplicate");
            assertThat(r.howToUnblock()).contains(DeploymentId.forRequest("slack:T1:trigger-7").value());
        });
        assertThat(slipway.registry.withStatus(Set.of(Status.values()))).hasSize(1);
    }

    private DeploymentOutcome deploy(Actor actor, Optional<String> requestKey) {
        return slipway.deploys.deploy(new DeployCommand(Optional.empty(), "dev", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ZERO, Optional.empty(), actor, requestKey));
    }
}
