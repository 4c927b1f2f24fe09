package dev.slipway.application.service;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.slipway.application.service.SlipwayFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

class AbandonedDeploymentsTest {

    private final SlipwayFixture slipway = new SlipwayFixture();
    private final AbandonedDeployments abandoned = new AbandonedDeployments(slipway.registry, slipway.locks, slipway.clock, slipway.audit,
            Duration.ofSeconds(5));

    @Test
    void aQueryLeansOnARecentSweepOfEverythingButACommandNeverDoes() {
        slipway.commitOn("dev", "first commit");
        Deployment first = ((dev.slipway.application.port.in.DeploymentOutcome.Succeeded) slipway.deploy("dev")).deployment();
        abandoned.sweep(null, null);
        Deployment stuck = Deployment.plan(DeploymentId.random(), Kind.DEPLOY, first.release(), "dev", Optional.empty(), ALICE, "stuck", "", null,
                slipway.clock.now()).start("dead-process", slipway.clock.now());
        slipway.registry.save(stuck);
        slipway.locks.acquire(new LockKey("hello", "dev"), "dead-process", "alice", "deploy", Optional.of(Duration.ofSeconds(1)), Optional.of(stuck.id().value()));
        slipway.clock.advance(Duration.ofSeconds(2));

        assertThat(abandoned.sweepForQuery("hello", "dev")).as("within five seconds of the full sweep").isEmpty();
        slipway.clock.advance(Duration.ofSeconds(4));
        assertThat(abandoned.sweepForQuery("hello", "dev")).extracting(Deployment::id).containsExactly(stuck.id());
        assertThat(slipway.registry.find(stuck.id()).orElseThrow().status()).isEqualTo(Status.INTERRUPTED);
    }

    @Test
    void aCommandsSweepActsEvenRightAfterASweepOfEverything() {
        slipway.commitOn("dev", "first commit");
        Deployment first = ((dev.slipway.application.port.in.DeploymentOutcome.Succeeded) slipway.deploy("dev")).deployment();
        Deployment stuck = Deployment.plan(DeploymentId.random(), Kind.DEPLOY, first.release(), "dev", Optional.empty(), ALICE, "stuck", "", null,
                slipway.clock.now()).start("dead-process", slipway.clock.now());
        slipway.registry.save(stuck);
        slipway.locks.acquire(new LockKey("hello", "dev"), "dead-process", "alice", "deploy", Optional.of(Duration.ofSeconds(1)), Optional.of(stuck.id().value()));
        abandoned.sweep(null, null);
        slipway.clock.advance(Duration.ofSeconds(2));

        assertThat(abandoned.sweep("hello", "dev")).extracting(Deployment::id).containsExactly(stuck.id());
    }
}
