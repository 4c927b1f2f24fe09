package dev.slipway.application.service;

import dev.slipway.application.port.in.Approve.RejectCommand;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Cancelled;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static dev.slipway.application.service.SlipwayFixture.BOB;
import static dev.slipway.application.service.SlipwayFixture.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

class ApprovalServiceTest {

    private final SlipwayFixture slipway = new SlipwayFixture();
    private AwaitingApproval waiting;

    @BeforeEach
    void aPromotionToProdWaitsForApproval() {
        slipway.commitOn("main", "initial");
        slipway.commitOn("dev", "feature");
        slipway.deploy("dev");
        waiting = (AwaitingApproval) slipway.promote("dev", "prod", ALICE);
    }

    @Test
    void holdsTheDeploymentUntilApprovedWithoutTouchingTheTarget() {
        assertThat(waiting.deployment().status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(waiting.howToApprove()).contains("bob, carol").contains("slipway approve " + waiting.deployment().id());
        assertThat(waiting.expiresAt()).isEqualTo(slipway.clock.now().plus(Duration.ofHours(1)));
        assertThat(slipway.target.runningTag("hello", "prod")).isEmpty();
    }

    @Test
    void acceptsAUniqueStartOfTheIdOfSixHexDigitsOrMore() {
        String id = waiting.deployment().id().value();

        assertThat(slipway.approve(id.substring(0, 6), BOB)).isInstanceOf(Succeeded.class);
        assertThat(slipway.history.deployment(id.substring(0, 8).toUpperCase())).isInstanceOfSatisfying(
                dev.slipway.application.port.in.QueryOutcome.Answer.class, a -> assertThat(a.value()).isEqualTo(slipway.registry.find(waiting.deployment().id()).orElseThrow()));
    }

    @Test
    void refusesAStartOfTheIdThatIsTooShortOrNamesNothing() {
        assertThat(slipway.approve(waiting.deployment().id().value().substring(0, 5), BOB))
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("6 to 12 hex digits"));
        String other = waiting.deployment().id().value().startsWith("ffffff") ? "eeeeee" : "ffffff";
        assertThat(slipway.approve(other, BOB)).isInstanceOfSatisfying(Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo("there is no deployment " + other);
            assertThat(i.hint()).contains("slipway history");
        });
    }

    @Test
    void refusesAnAmbiguousStartOfTheIdListingTheCandidates() {
        var first = slipway.registry.find(waiting.deployment().id()).orElseThrow();
        String prefix = first.id().value().substring(0, 6);
        String twinId = prefix + (first.id().value().endsWith("000000") ? "111111" : "000000");
        var twin = dev.slipway.domain.deployment.Deployment.plan(new dev.slipway.domain.deployment.DeploymentId(twinId),
                dev.slipway.domain.deployment.Kind.DEPLOY, first.release(), "prod", Optional.empty(), ALICE, "twin", "", first.notes(), slipway.clock.now());
        slipway.registry.save(twin);

        assertThat(slipway.approve(prefix, BOB)).isInstanceOfSatisfying(Invalid.class, i -> {
            assertThat(i.reason()).contains("'%s' starts 2 deployments".formatted(prefix)).contains(first.id().value()).contains(twin.id().value())
                    .contains("hello/prod v0.1.0, awaiting_approval");
            assertThat(i.hint()).startsWith("type more of the id");
        });
    }

    @Test
    void refusesSelfApproval() {
        assertThat(slipway.approve(waiting.deployment().id().value(), ALICE)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("approval");
            assertThat(r.reason()).contains("alice asked for this deployment and cannot approve it too");
        });
        assertThat(slipway.registry.find(waiting.deployment().id()).orElseThrow().status()).isEqualTo(Status.AWAITING_APPROVAL);
    }

    @Test
    void refusesAnActorWhoIsNotAnApprover() {
        assertThat(slipway.approve(waiting.deployment().id().value(), MALLORY))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("mallory is not an approver"));
    }

    @Test
    void runsTheDeploymentOnceASecondPersonApproves() {
        var outcome = slipway.approve(waiting.deployment().id().value(), BOB);

        assertThat(outcome).isInstanceOfSatisfying(Succeeded.class, s -> {
            assertThat(s.deployment().release().tag()).isEqualTo("v0.1.0");
            assertThat(s.deployment().approval()).flatMap(Approval::decidedBy).map(a -> a.id()).contains("bob");
            assertThat(s.deployment().requestedBy()).isEqualTo(ALICE);
        });
        assertThat(slipway.target.runningTag("hello", "prod")).contains("v0.1.0");
        assertThat(slipway.approve(waiting.deployment().id().value(), BOB)).isInstanceOf(Refused.class);
    }

    @Test
    void cancelsARequestThatExpired() {
        slipway.clock.advance(Duration.ofHours(2));

        assertThat(slipway.approve(waiting.deployment().id().value(), BOB))
                .isInstanceOfSatisfying(Cancelled.class, c -> assertThat(c.reason()).contains("expired"));
        assertThat(slipway.registry.find(waiting.deployment().id()).orElseThrow().status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void letsAnApproverReject() {
        var outcome = slipway.approvals.reject(new RejectCommand(waiting.deployment().id().value(), Optional.of("not today"), BOB));

        assertThat(outcome).isInstanceOfSatisfying(Cancelled.class, c -> assertThat(c.reason()).contains("rejected by bob: not today"));
        assertThat(slipway.approve(waiting.deployment().id().value(), BOB)).isInstanceOf(Cancelled.class);
        assertThat(slipway.target.runningTag("hello", "prod")).isEmpty();
    }

    @Test
    void answersInvalidForAnUnknownOrMalformedId() {
        assertThat(slipway.approve("0123456789ab", BOB)).isInstanceOf(Invalid.class);
        assertThat(slipway.approve("nope", BOB)).isInstanceOf(Invalid.class);
    }
}
