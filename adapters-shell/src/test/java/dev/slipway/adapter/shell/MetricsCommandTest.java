package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Harness.Run;
import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.Keys;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import dev.slipway.application.port.in.DeliveryMetrics.Week;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.QueryOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsCommandTest {

    static final Instant TO = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant FROM = TO.minus(Duration.ofDays(14));

    private final Harness slipway = new Harness();

    static MetricsReport twoWeeksOfProd() {
        Keys all = new Keys(3, 3 / 14.0, 1.5, 5, Optional.of(Duration.ofHours(19)), Optional.of(Duration.ofHours(39)), 4, 2, Optional.of(0.5),
                2, 0, Optional.of(Duration.ofMinutes(210)));
        Keys first = new Keys(2, 2 / 7.0, 2, 4, Optional.of(Duration.ofHours(19)), Optional.of(Duration.ofHours(39)), 2, 1, Optional.of(0.5),
                1, 0, Optional.of(Duration.ofMinutes(210)));
        Keys second = new Keys(1, 1 / 7.0, 1, 1, Optional.of(Duration.ofHours(16)), Optional.of(Duration.ofHours(16)), 2, 1, Optional.of(0.5),
                1, 0, Optional.of(Duration.ofMinutes(330)));
        Keys quiet = new Keys(0, 0, 0, 0, Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), 0, 0, Optional.empty());
        return new MetricsReport(FROM, TO, List.of(
                new EnvironmentMetrics("hello", "dev", false, quiet, List.of(new Week(FROM, FROM.plus(Duration.ofDays(7)), quiet),
                        new Week(FROM.plus(Duration.ofDays(7)), TO, quiet))),
                new EnvironmentMetrics("hello", "prod", true, all, List.of(new Week(FROM, FROM.plus(Duration.ofDays(7)), first),
                        new Week(FROM.plus(Duration.ofDays(7)), TO, second)))));
    }

    @Test
    void printsTheFourKeysOfEachEnvironmentAndItsWeeklyTrendThenTheNextStep() {
        slipway.ports.withMetrics(new QueryOutcome.Answer<>(twoWeeksOfProd()));

        Run run = slipway.run("metrics", "--since", "14d");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                2026-11-16 00:00 to 2026-11-30 00:00

                Service | Env  | Deploys                   | Lead time                             | Change failure rate | Recovery
                --------+------+---------------------------+---------------------------------------+---------------------+---------------------------
                hello   | dev  | 0 a week (0 in 14 days)   | not measured (not production)         | no deploys          | no failures
                hello   | prod | 1.5 a week (3 in 14 days) | median 19h00m, p90 39h00m (5 commits) | 50% (2 of 4)        | median 3h30m (2 recovered)

                weekly trend, oldest first (succeeded deploys / failures):
                  hello/dev: 0/0 0/0
                  hello/prod: 2/1 1/1

                next: `slipway history ENV` lists the deployments behind these figures; --since 90d widens the window
                """);
        assertThat(slipway.ports.last(MetricsRequest.class)).isEqualTo(new MetricsRequest(Optional.empty(), Optional.empty(), Duration.ofDays(14)));
    }

    @Test
    void printsTheSharedMetricsDocumentAsJson() {
        slipway.ports.withMetrics(new QueryOutcome.Answer<>(twoWeeksOfProd()));

        Run run = slipway.run("metrics", "prod", "--output", "json");

        assertThat(run.exit()).isZero();
        var prod = run.json().get("metrics").get("environments").get(1);
        assertThat(prod.get("environment").asString()).isEqualTo("prod");
        assertThat(prod.get("production").asBoolean()).isTrue();
        assertThat(prod.get("keys").get("leadTimeMedianSeconds").asDouble()).isEqualTo(19 * 3600.0);
        assertThat(prod.get("keys").get("changeFailureRate").asDouble()).isEqualTo(0.5);
        assertThat(prod.get("trend")).hasSize(2);
        assertThat(run.json().get("next").asString()).contains("slipway history");
        assertThat(slipway.ports.last(MetricsRequest.class).environment()).contains("prod");
        assertThat(slipway.ports.last(MetricsRequest.class).window()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aWindowOutsideOneDayToAYearIsBadInputWithExitCode2() {
        slipway.ports.withMetrics(new QueryOutcome.Answer<>(twoWeeksOfProd()));

        Run run = slipway.run("metrics", "--since", "400d");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out() + run.err()).contains("--since").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownEnvironmentIsBadInput() {
        slipway.ports.withMetrics(new Invalid("service hello has no environment 'qa'; its environments: dev, prod", "see `slipway help`"));

        Run run = slipway.run("metrics", "qa");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out() + run.err()).contains("no environment 'qa'");
    }
}
