package dev.slipway.application.service;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.Keys;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.QueryOutcome;
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
import dev.slipway.domain.input.InputRefused;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.slipway.application.port.out.DeploymentRegistryContract.aCommit;
import static dev.slipway.application.port.out.DeploymentRegistryContract.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The four keys on a small registry whose answers were worked out by hand. B is Monday 2026-11-16 00:00 UTC, now is
 * B + 14 days, the window is 14 days: week 1 is [B, B+7d), week 2 is [B+7d, B+14d). Service shop: dev (not production)
 * and prod ({@code production: true}, promoted from dev).
 * <pre>
 * commits: c1 authored B-24h, c2 B, c3 B+10h, c4 B+30h, c5 B+200h; c0 B-72h
 *
 * prod  P0 promote  v0.1.0  succeeded    finished B-48h         (before the window: not read, c0 not counted)
 *       P1 promote  0.1.1   succeeded    finished B+3h          brings c2, c1       -> c1 lead 27h, c2 lead 3h
 *       P2 promote  0.1.3   succeeded    finished B+49h         brings c4, c3       -> c3 lead 39h, c4 lead 19h
 *       P3 rollback 0.1.1   succeeded    created B+52h, finished B+52h30m, left 0.1.3: takes out P2 (a failure),
 *                                        which recovers in 52h30m - 49h = 3h30m
 *       P4 promote  0.1.4   rolled back  finished B+210h30m     brings c5, c4, c3   (a failure)
 *       P5 promote  0.1.5   succeeded    finished B+216h        brings c5, c4, c3   -> c5 lead 16h; c3, c4 already
 *                                                                                       delivered by P2; P4 recovers in 5h30m
 *       P6 deploy   0.1.6   cancelled    finished B+221h        (no verdict: not counted)
 *   deploys P1 P2 P4 P5 = 4, succeeded 3 (3/14 a day, 1.5 a week), failures P2 P4 = 2 (rate 0.5),
 *   recovery [3h30m, 5h30m] median (nearest rank, ceil(0.5 x 2) = 1st) 3h30m,
 *   lead times [3h, 16h, 19h, 27h, 39h]: median ceil(2.5) = 3rd = 19h, p90 ceil(4.5) = 5th = 39h.
 *   week 1: P1 P2: 2 deploys, 2 succeeded, 1 failure (P2), recovery 3h30m, lead [3h, 19h, 27h, 39h] median 2nd = 19h, p90 4th = 39h
 *   week 2: P4 P5: 2 deploys, 1 succeeded, 1 failure (P4), recovery 5h30m, lead [16h]
 *
 * dev   D1 deploy 0.1.1-dev succeeded   finished B+1h10m    brings c2, c1
 *       D2 deploy 0.1.2-dev failed      finished B+11h20m   brings c3            (a failure, recovers at D3: 20h10m)
 *       D3 deploy 0.1.3-dev succeeded   finished B+31h30m   brings c4, c3        (c3 spans D2, D3, P2, P4, P5)
 *       D5 deploy 0.1.4-dev succeeded   finished B+201h15m  brings c5
 *       D6 deploy 0.1.5-dev interrupted finished B+205h     (no verdict: not counted)
 *   deploys 4, succeeded 3, failures 1 (rate 0.25), recovery 20h10m, no lead time (not production)
 * </pre>
 */
class MetricsServiceTest {

    static final Instant B = Instant.parse("2026-11-16T00:00:00Z");
    static final Commit C0 = aCommit('0', "dana", h(-72));
    static final Commit C1 = aCommit('1', "ada", h(-24));
    static final Commit C2 = aCommit('2', "bob", h(0));
    static final Commit C3 = aCommit('3', "ada", h(10));
    static final Commit C4 = aCommit('4', "cy", h(30));
    static final Commit C5 = aCommit('5', "bob", h(200));

    final InMemoryDeploymentRegistry registry = new InMemoryDeploymentRegistry();
    final FakeClock clock = new FakeClock(B.plus(Duration.ofDays(14)));
    MetricsService metrics;

    @BeforeEach
    void handWorkedRegistry() {
        HealthCheck health = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ofMillis(1), Optional.empty());
        TargetSpec fake = new TargetSpec("fake", Map.of());
        Environment dev = new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.empty(), false, Trigger.MANUAL, false);
        Environment prod = new Environment("prod", BranchPolicy.of("main"), TagPattern.of("v{version}"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.of("dev"), false, Trigger.MANUAL, true);
        Catalog catalog = new Catalog(List.of(Service.of("shop", new SourceRepository("/tmp/shop"), List.of(dev, prod))));
        metrics = new MetricsService(catalog, registry, clock);

        save(aDeployment("0000000000b0").to("prod").kind(Kind.PROMOTE).version("0.1.0").status(Status.SUCCEEDED).bringing(C0)
                .createdAt(h(-49)).finishedAt(h(-48)));
        save(aDeployment("0000000000b1").to("prod").kind(Kind.PROMOTE).version("0.1.1").after("0.1.0").status(Status.SUCCEEDED).bringing(C2, C1)
                .createdAt(h(2)).finishedAt(h(3)));
        save(aDeployment("0000000000b2").to("prod").kind(Kind.PROMOTE).version("0.1.3").after("0.1.1").status(Status.SUCCEEDED).bringing(C4, C3)
                .createdAt(h(48)).finishedAt(h(49)));
        save(aDeployment("0000000000b3").to("prod").kind(Kind.ROLLBACK).version("0.1.1").after("0.1.3").status(Status.SUCCEEDED).bringing(C4, C3)
                .createdAt(h(52)).finishedAt(h(52).plus(Duration.ofMinutes(30))));
        save(aDeployment("0000000000b4").to("prod").kind(Kind.PROMOTE).version("0.1.4").after("0.1.1").status(Status.ROLLED_BACK).bringing(C5, C4, C3)
                .createdAt(h(210)).finishedAt(h(210).plus(Duration.ofMinutes(30))));
        save(aDeployment("0000000000b5").to("prod").kind(Kind.PROMOTE).version("0.1.5").after("0.1.1").status(Status.SUCCEEDED).bringing(C5, C4, C3)
                .createdAt(h(215)).finishedAt(h(216)));
        save(aDeployment("0000000000b6").to("prod").version("0.1.6").after("0.1.5").status(Status.CANCELLED).createdAt(h(220)).finishedAt(h(221)));

        save(aDeployment("0000000000d1").to("dev").version("0.1.1").status(Status.SUCCEEDED).bringing(C2, C1)
                .createdAt(h(1)).finishedAt(h(1).plus(Duration.ofMinutes(10))));
        save(aDeployment("0000000000d2").to("dev").version("0.1.2").after("0.1.1").status(Status.FAILED).bringing(C3)
                .createdAt(h(11)).finishedAt(h(11).plus(Duration.ofMinutes(20))));
        save(aDeployment("0000000000d3").to("dev").version("0.1.3").after("0.1.1").status(Status.SUCCEEDED).bringing(C4, C3)
                .createdAt(h(31)).finishedAt(h(31).plus(Duration.ofMinutes(30))));
        save(aDeployment("0000000000d5").to("dev").version("0.1.4").after("0.1.3").status(Status.SUCCEEDED).bringing(C5)
                .createdAt(h(201)).finishedAt(h(201).plus(Duration.ofMinutes(15))));
        save(aDeployment("0000000000d6").to("dev").version("0.1.5").after("0.1.4").status(Status.INTERRUPTED)
                .createdAt(h(204)).finishedAt(h(205)));
    }

    @Test
    void computesTheFourKeysOfProductionAsWorkedOutByHand() {
        EnvironmentMetrics prod = environment(report(Duration.ofDays(14)), "prod");

        assertThat(prod.production()).isTrue();
        Keys keys = prod.keys();
        assertThat(keys.deploys()).isEqualTo(4);
        assertThat(keys.succeeded()).isEqualTo(3);
        assertThat(keys.perDay()).isCloseTo(3 / 14.0, within(1e-9));
        assertThat(keys.perWeek()).isCloseTo(1.5, within(1e-9));
        assertThat(keys.changes()).isEqualTo(5);
        assertThat(keys.leadTimeMedian()).contains(Duration.ofHours(19));
        assertThat(keys.leadTimeP90()).contains(Duration.ofHours(39));
        assertThat(keys.failures()).as("P2, taken out by the rollback P3, and P4, rolled back by itself").isEqualTo(2);
        assertThat(keys.changeFailureRate()).contains(0.5);
        assertThat(keys.recovered()).isEqualTo(2);
        assertThat(keys.unrecovered()).isZero();
        assertThat(keys.recoveryMedian()).contains(Duration.ofMinutes(3 * 60 + 30));
    }

    @Test
    void computesEachWeekOfTheTrendByHand() {
        EnvironmentMetrics prod = environment(report(Duration.ofDays(14)), "prod");

        assertThat(prod.trend()).hasSize(2);
        assertThat(prod.trend().get(0).from()).isEqualTo(B);
        assertThat(prod.trend().get(1).to()).isEqualTo(B.plus(Duration.ofDays(14)));
        Keys first = prod.trend().get(0).keys();
        assertThat(List.of(first.deploys(), first.succeeded(), first.failures(), first.changes())).containsExactly(2, 2, 1, 4);
        assertThat(first.perWeek()).isCloseTo(2.0, within(1e-9));
        assertThat(first.leadTimeMedian()).contains(Duration.ofHours(19));
        assertThat(first.leadTimeP90()).contains(Duration.ofHours(39));
        assertThat(first.recoveryMedian()).contains(Duration.ofMinutes(210));
        Keys second = prod.trend().get(1).keys();
        assertThat(List.of(second.deploys(), second.succeeded(), second.failures(), second.changes())).containsExactly(2, 1, 1, 1);
        assertThat(second.changeFailureRate()).contains(0.5);
        assertThat(second.leadTimeMedian()).contains(Duration.ofHours(16));
        assertThat(second.leadTimeP90()).contains(Duration.ofHours(16));
        assertThat(second.recoveryMedian()).contains(Duration.ofMinutes(330));
    }

    @Test
    void aNonProductionEnvironmentHasEveryKeyButLeadTime() {
        Keys dev = environment(report(Duration.ofDays(14)), "dev").keys();

        assertThat(List.of(dev.deploys(), dev.succeeded(), dev.failures(), dev.changes())).as("the interrupted D6 has no verdict").containsExactly(4, 3, 1, 0);
        assertThat(dev.changeFailureRate()).contains(0.25);
        assertThat(dev.leadTimeMedian()).isEmpty();
        assertThat(dev.recoveryMedian()).contains(Duration.ofMinutes(20 * 60 + 10));
    }

    @Test
    void aShorterWindowCountsOnlyWhatFinishedInIt() {
        // The last 7 days are week 2: P4 failed, P5 recovered it 5h30m later; lead time of c5 only.
        Keys prod = environment(report(Duration.ofDays(7)), "prod").keys();

        assertThat(List.of(prod.deploys(), prod.succeeded(), prod.failures(), prod.changes())).containsExactly(2, 1, 1, 1);
        assertThat(prod.perDay()).isCloseTo(1 / 7.0, within(1e-9));
        assertThat(prod.recoveryMedian()).contains(Duration.ofMinutes(330));
    }

    @Test
    void aFailureNotYetFollowedBySuccessIsUnrecovered() {
        clock.advance(Duration.ofHours(1));
        save(aDeployment("0000000000d7").to("dev").version("0.1.6").after("0.1.4").status(Status.FAILED)
                .createdAt(clock.now().minusSeconds(600)).finishedAt(clock.now().minusSeconds(60)));

        Keys dev = environment(report(Duration.ofDays(14)), "dev").keys();

        assertThat(dev.failures()).isEqualTo(2);
        assertThat(dev.recovered()).isEqualTo(1);
        assertThat(dev.unrecovered()).isEqualTo(1);
        assertThat(dev.recoveryMedian()).contains(Duration.ofMinutes(20 * 60 + 10));
    }

    @Test
    void anEmptyWindowHasNoRatesToShow() {
        clock.advance(Duration.ofDays(60));

        Keys prod = environment(report(Duration.ofDays(30)), "prod").keys();

        assertThat(prod.deploys()).isZero();
        assertThat(prod.changeFailureRate()).isEmpty();
        assertThat(prod.leadTimeMedian()).isEmpty();
        assertThat(prod.recoveryMedian()).isEmpty();
        assertThat(prod.perDay()).isZero();
    }

    @Test
    void namesTheEnvironmentsOfTheServiceWhenAskedForAnUnknownOne() {
        QueryOutcome<MetricsReport> outcome = metrics.metrics(MetricsRequest.of(null, "staging"));

        assertThat(outcome).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("staging").contains("dev, prod"));
    }

    @Test
    void refusesAWindowOutsideOneDayToAYear() {
        assertThatThrownBy(() -> MetricsRequest.of(null, null).since(Duration.ofDays(400))).isInstanceOf(InputRefused.class)
                .hasMessageContaining("--since");
    }

    @Test
    void listsEveryEnvironmentOfTheServiceInDeclaredOrder() {
        assertThat(report(Duration.ofDays(30)).environments()).extracting(EnvironmentMetrics::environment).containsExactly("dev", "prod");
        assertThat(metrics.metrics(MetricsRequest.of("shop", "prod"))).isInstanceOfSatisfying(QueryOutcome.Answer.class,
                a -> assertThat(((MetricsReport) a.value()).environments()).extracting(EnvironmentMetrics::environment).containsExactly("prod"));
    }

    private MetricsReport report(Duration window) {
        QueryOutcome<MetricsReport> outcome = metrics.metrics(MetricsRequest.of(null, null).since(window));
        assertThat(outcome).isInstanceOf(QueryOutcome.Answer.class);
        return ((QueryOutcome.Answer<MetricsReport>) outcome).value();
    }

    private static EnvironmentMetrics environment(MetricsReport report, String name) {
        return report.environments().stream().filter(e -> e.environment().equals(name)).findFirst().orElseThrow();
    }

    private void save(dev.slipway.application.port.out.DeploymentRegistryContract.DeploymentFixture fixture) {
        registry.save(fixture.of("shop").build());
    }

    private static Instant h(long hours) {
        return B.plus(Duration.ofHours(hours));
    }
}
