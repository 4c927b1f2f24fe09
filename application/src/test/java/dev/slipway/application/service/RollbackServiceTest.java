package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RollbackServiceTest {

    private final SlipwayFixture slipway = new SlipwayFixture();

    @Test
    void bringsBackThePreviousSucceededReleaseAsADeploymentOfItsOwn() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "second commit");
        slipway.deploy("dev");

        var outcome = slipway.rollback("dev", Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, s -> {
            assertThat(s.deployment().kind()).isEqualTo(Kind.ROLLBACK);
            assertThat(s.deployment().release().tag()).isEqualTo("0.1.0-dev");
            assertThat(s.deployment().previous()).map(r -> r.tag()).contains("0.1.1-dev");
            assertThat(s.deployment().notes().commits()).extracting(c -> c.subject()).containsExactly("second commit");
        });
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
        @SuppressWarnings("unchecked")
        List<Deployment> history = ((QueryOutcome.Answer<List<Deployment>>) slipway.history.history(new HistoryRequest(Optional.empty(), Optional.of("dev"), 10))).value();
        assertThat(history).extracting(d -> d.release().tag()).containsExactly("0.1.0-dev", "0.1.1-dev", "0.1.0-dev");
        assertThat(history).extracting(Deployment::kind).containsExactly(Kind.ROLLBACK, Kind.DEPLOY, Kind.DEPLOY);
    }

    @Test
    void saysWhichCommitsARollbackRemoves() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "Fix the login");
        slipway.commitOn("dev", "Add the footer");
        slipway.deploy("dev");

        var outcome = slipway.rollback("dev", Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, s -> assertThat(s.deployment().step("record").orElseThrow().detail())
                .contains("rolled back 0.1.1-dev → 0.1.0-dev, removing 2 commits:").contains("Fix the login").contains("Add the footer"));
    }

    @Test
    void anAutomaticRollbackSaysWhatItRemovedToo() {
        slipway.commitOn("dev", "first commit");
        slipway.deploy("dev");
        slipway.commitOn("dev", "broken change");
        slipway.target.makeSick("0.1.1-dev");

        var outcome = slipway.deploy("dev");

        assertThat(outcome).isInstanceOfSatisfying(dev.slipway.application.port.in.DeploymentOutcome.RolledBack.class, r ->
                assertThat(r.deployment().step("rollback").orElseThrow().detail()).contains("rolled back 0.1.1-dev → 0.1.0-dev, removing 1 commit:")
                        .contains("broken change"));
    }

    @Test
    void bringsBackANamedRelease() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");
        slipway.commitOn("dev", "two");
        slipway.deploy("dev");
        slipway.commitOn("dev", "three");
        slipway.deploy("dev");

        assertThat(slipway.rollback("dev", Optional.of("0.1.0"))).isInstanceOf(Succeeded.class);
        assertThat(slipway.runningInDev()).contains("0.1.0-dev");
    }

    @Test
    void refusesWhenThereIsNoEarlierRelease() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");

        assertThat(slipway.rollback("dev", Optional.empty())).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("no earlier release"));
    }

    @Test
    void refusesBeforeActingWhenTheOldArtifactIsGone() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");
        slipway.commitOn("dev", "two");
        slipway.deploy("dev");
        slipway.target.forget("0.1.0-dev");

        assertThat(slipway.rollback("dev", Optional.of("0.1.0-dev"))).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("can no longer be restored"));
        assertThat(slipway.runningInDev()).contains("0.1.1-dev");
    }

    @Test
    void refusesToRollBackToWhatAlreadyRunsAndToATagThatDoesNotExist() {
        slipway.commitOn("dev", "one");
        slipway.deploy("dev");

        assertThat(slipway.rollback("dev", Optional.of("0.1.0"))).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("already runs"));
        assertThat(slipway.rollback("dev", Optional.of("0.7.0"))).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("no tag 0.7.0-dev"));
    }
}
