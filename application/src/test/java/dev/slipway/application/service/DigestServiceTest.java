package dev.slipway.application.service;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.WeeklyDigest.Digest;
import dev.slipway.application.port.in.WeeklyDigest.DigestOutcome;
import dev.slipway.application.port.in.WeeklyDigest.Shipped;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.environment.Trigger;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.slipway.application.port.out.DeploymentRegistryContract.aCommit;
import static dev.slipway.application.port.out.DeploymentRegistryContract.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class DigestServiceTest {

    /** Monday 2026-12-07, 09:30 UTC: the digest covers 2026-11-30 09:30 to now; the week before is the seven days ahead of that. */
    static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");

    final InMemoryDeploymentRegistry registry = new InMemoryDeploymentRegistry();
    final FakeClock clock = new FakeClock(NOW);
    final DigestService digests;

    DigestServiceTest() {
        HealthCheck health = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ofMillis(1), Optional.empty());
        TargetSpec fake = new TargetSpec("fake", Map.of());
        Environment dev = new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.empty(), false, Trigger.MANUAL, false);
        Environment prod = new Environment("prod", BranchPolicy.of("main"), TagPattern.of("v{version}"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.of("dev"), false, Trigger.MANUAL, true);
        Catalog catalog = new Catalog(List.of(Service.of("shop", new SourceRepository("/tmp/shop"), List.of(dev, prod))));
        digests = new DigestService(registry, new MetricsService(catalog, registry, clock), clock);
    }

    @Test
    void listsWhatShippedThisWeekWithItsAuthorsAndComparesTheKeysWithTheWeekBefore() {
        Commit byAda = new Commit(aCommit('1', "", NOW).id(), "Ada Lovelace <ada@example.com>", NOW.minus(Duration.ofDays(2)), "Faster checkout");
        Commit byBob = new Commit(aCommit('2', "", NOW).id(), "Bob", NOW.minus(Duration.ofDays(3)), "Fix the footer");
        Commit byAdaAgain = new Commit(aCommit('3', "", NOW).id(), "Ada Lovelace <ada@example.com>", NOW.minus(Duration.ofDays(3)), "Tidy");
        save(aDeployment("0000000000c1").to("prod").kind(Kind.PROMOTE).version("0.2.0").status(Status.SUCCEEDED).bringing(byAda, byBob, byAdaAgain)
                .createdAt(NOW.minus(Duration.ofDays(1))).finishedAt(NOW.minus(Duration.ofDays(1)).plusSeconds(60)));
        save(aDeployment("0000000000c2").to("dev").version("0.2.1").status(Status.SUCCEEDED).createdAt(NOW.minus(Duration.ofHours(5)))
                .finishedAt(NOW.minus(Duration.ofHours(5)).plusSeconds(30)));
        // Not shipped: a rollback, a failure, and a deploy of the week before.
        save(aDeployment("0000000000c3").to("prod").kind(Kind.ROLLBACK).version("0.1.9").status(Status.SUCCEEDED)
                .createdAt(NOW.minus(Duration.ofHours(3))).finishedAt(NOW.minus(Duration.ofHours(3)).plusSeconds(60)));
        save(aDeployment("0000000000c4").to("dev").version("0.2.2").status(Status.FAILED).createdAt(NOW.minus(Duration.ofHours(2)))
                .finishedAt(NOW.minus(Duration.ofHours(2)).plusSeconds(60)));
        save(aDeployment("0000000000c5").to("prod").kind(Kind.PROMOTE).version("0.1.9").status(Status.SUCCEEDED)
                .createdAt(NOW.minus(Duration.ofDays(9))).finishedAt(NOW.minus(Duration.ofDays(9)).plusSeconds(60)));

        DigestOutcome first = digests.weekly();

        assertThat(first).isInstanceOf(DigestOutcome.Due.class);
        Digest digest = ((DigestOutcome.Due) first).digest();
        assertThat(digest.week()).isEqualTo("2026-12-07");
        assertThat(digest.shipped()).extracting(Shipped::environment, Shipped::tag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dev", "0.2.1-dev"), org.assertj.core.groups.Tuple.tuple("prod", "0.2.0-prod"));
        assertThat(digest.shipped().get(1).authors()).containsExactly("Ada Lovelace", "Bob");
        EnvironmentMetrics prod = digest.metrics().environments().stream().filter(e -> e.environment().equals("prod")).findFirst().orElseThrow();
        assertThat(prod.trend()).hasSize(2);
        assertThat(prod.trend().get(0).keys().succeeded()).as("the week before: c5").isEqualTo(1);
        assertThat(prod.trend().get(1).keys().succeeded()).as("this week: c1").isEqualTo(1);
        assertThat(prod.trend().get(1).keys().failures()).as("the rollback c3 names no release it took out").isZero();
    }

    @Test
    void isDueOnceAWeekWhoeverAsks() {
        assertThat(digests.weekly()).isInstanceOf(DigestOutcome.Due.class);
        assertThat(digests.weekly()).isEqualTo(new DigestOutcome.AlreadySent("2026-12-07"));

        clock.advance(Duration.ofDays(7));

        assertThat(digests.weekly()).isInstanceOf(DigestOutcome.Due.class);
    }

    private void save(dev.slipway.application.port.out.DeploymentRegistryContract.DeploymentFixture fixture) {
        registry.save(fixture.of("shop").build());
    }
}
