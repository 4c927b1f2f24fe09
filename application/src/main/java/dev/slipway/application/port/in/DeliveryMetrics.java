package dev.slipway.application.port.in;

import dev.slipway.domain.input.Durations;
import dev.slipway.domain.input.FreeText;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a team delivers, per service and environment over a window ending now, from the registry: the four DORA keys
 * (deployment frequency, lead time for changes, change failure rate, failed deployment recovery time) and their weekly
 * trend. The definitions are in the README under "Delivery metrics".
 */
public interface DeliveryMetrics {

    Duration DEFAULT_WINDOW = Duration.ofDays(30);
    Duration SHORTEST_WINDOW = Duration.ofDays(1);
    Duration LONGEST_WINDOW = Duration.ofDays(366);

    QueryOutcome<MetricsReport> metrics(MetricsRequest request);

    /** {@code service} empty: every service (or the only one); {@code environment} empty: every environment; {@code window} 1d to 366d. */
    record MetricsRequest(Optional<String> service, Optional<String> environment, Duration window) {
        public MetricsRequest {
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
            window = window == null ? DEFAULT_WINDOW : window;
            service.ifPresent(s -> FreeText.word("the service", s));
            environment.ifPresent(e -> FreeText.word("the environment", e));
            Durations.within("the window (--since)", window, SHORTEST_WINDOW, LONGEST_WINDOW);
        }

        public static MetricsRequest of(String service, String environment) {
            return new MetricsRequest(Optional.ofNullable(service), Optional.ofNullable(environment), DEFAULT_WINDOW);
        }

        public MetricsRequest since(Duration newWindow) {
            return new MetricsRequest(service, environment, newWindow);
        }
    }

    /** The window {@code [from, to)} and each environment's keys in it, services and environments in declared order. */
    record MetricsReport(Instant from, Instant to, List<EnvironmentMetrics> environments) {
        public MetricsReport {
            environments = List.copyOf(environments);
        }

        public Duration window() {
            return Duration.between(from, to);
        }
    }

    /**
     * One environment: its keys over the whole window and, oldest first, over each of the seven-day weeks that end at
     * the window's end ({@code trend}); {@code production} says whether lead time is measured there.
     */
    record EnvironmentMetrics(String service, String environment, boolean production, Keys keys, List<Week> trend) {
        public EnvironmentMetrics {
            trend = List.copyOf(trend);
        }
    }

    /** The keys of one week {@code [from, to)}. */
    record Week(Instant from, Instant to, Keys keys) {}

    /**
     * The four keys over a span of time. {@code succeeded} deploys (not rollbacks) per day and per week; lead time
     * median and p90 over {@code changes} commits first delivered in the span (empty outside production or without
     * commits); {@code failures} of {@code deploys} that reached a verdict, and their rate (empty without deploys);
     * the median time from a failed deploy to the environment's next succeeded deployment over {@code recovered}
     * failures, {@code unrecovered} being those with no succeeded deployment since.
     */
    record Keys(int succeeded, double perDay, double perWeek, int changes, Optional<Duration> leadTimeMedian, Optional<Duration> leadTimeP90,
                int deploys, int failures, Optional<Double> changeFailureRate, int recovered, int unrecovered, Optional<Duration> recoveryMedian) {
        public Keys {
            leadTimeMedian = leadTimeMedian == null ? Optional.empty() : leadTimeMedian;
            leadTimeP90 = leadTimeP90 == null ? Optional.empty() : leadTimeP90;
            changeFailureRate = changeFailureRate == null ? Optional.empty() : changeFailureRate;
            recoveryMedian = recoveryMedian == null ? Optional.empty() : recoveryMedian;
        }
    }
}
