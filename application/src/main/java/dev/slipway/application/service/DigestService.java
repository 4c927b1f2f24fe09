package dev.slipway.application.service;

import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.WeeklyDigest;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.release.Commit;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Composes the weekly digest from the registry and the delivery metrics, and claims the week in the registry (as a
 * request key) so that among replicas sharing it only the first sends it.
 */
public final class DigestService implements WeeklyDigest {

    private static final int MOST_SHIPPED = 1000;

    private final DeploymentRegistry registry;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public DigestService(DeploymentRegistry registry, DeliveryMetrics metrics, Clock clock) {
        this.registry = registry;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public DigestOutcome weekly() {
        Instant now = clock.now();
        String week = LocalDate.ofInstant(now, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
        if (!registry.firstDelivery("weekly-digest:" + week, now)) return new DigestOutcome.AlreadySent(week);
        return new DigestOutcome.Due(digest(week, now));
    }

    /** The digest of the seven days ending {@code now}; {@code week} names it. */
    Digest digest(String week, Instant now) {
        Instant from = now.minus(Duration.ofDays(7));
        List<Deployment> succeeded = registry.history(new HistoryQuery(Optional.empty(), Optional.empty(), Set.of(Status.SUCCEEDED), MOST_SHIPPED,
                Optional.of(now)).within(Set.of(), Optional.of(from.minus(Duration.ofDays(1)))));
        List<Shipped> shipped = succeeded.stream()
                .filter(d -> d.kind() != Kind.ROLLBACK && d.finishedAt().filter(f -> !f.isBefore(from) && f.isBefore(now)).isPresent())
                .sorted(Comparator.comparing(Deployment::service).thenComparing(Deployment::environment).thenComparing(d -> d.finishedAt().orElseThrow()))
                .map(d -> new Shipped(d.service(), d.environment(), d.release().tag(), d.name(), authors(d), d.finishedAt().orElseThrow()))
                .toList();
        MetricsReport twoWeeks = switch (metrics.metrics(new MetricsRequest(Optional.empty(), Optional.empty(), Duration.ofDays(14)))) {
            case QueryOutcome.Answer<MetricsReport> a -> a.value();
            case dev.slipway.application.port.in.Invalid i -> throw new IllegalStateException("the digest's metrics were refused: " + i.reason());
        };
        return new Digest(week, from, now, shipped, twoWeeks);
    }

    private static List<String> authors(Deployment d) {
        Set<String> names = new LinkedHashSet<>();
        for (Commit c : d.notes().commits()) {
            String author = c.author().replaceAll("\\s*<[^>]*>", "").strip();
            if (!author.isEmpty()) names.add(author);
        }
        return List.copyOf(names);
    }
}
