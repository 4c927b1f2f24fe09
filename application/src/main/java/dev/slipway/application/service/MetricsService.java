package dev.slipway.application.service;

import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistry.Delivery;
import dev.slipway.application.port.out.DeploymentRegistry.Finished;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the four delivery keys from the registry's finished deployments and first deliveries: one narrow read of the
 * window (stretched back to whole weeks for the trend) for the whole request, one read of deliveries per production
 * environment, then a single pass per environment and week.
 */
public final class MetricsService implements DeliveryMetrics {

    /** Deploy outcomes that count as a change failing. */
    static final Set<Status> FAILED = EnumSet.of(Status.FAILED, Status.ROLLED_BACK, Status.ROLLBACK_FAILED);
    /** Outcomes that are a verdict on a deploy; cancelled (never ran) and interrupted (no verdict) deploys are not counted. */
    static final Set<Status> VERDICT = EnumSet.of(Status.SUCCEEDED, Status.FAILED, Status.ROLLED_BACK, Status.ROLLBACK_FAILED);
    private static final Duration WEEK = Duration.ofDays(7);

    private final Catalog catalog;
    private final DeploymentRegistry registry;
    private final Clock clock;

    public MetricsService(Catalog catalog, DeploymentRegistry registry, Clock clock) {
        this.catalog = catalog;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public QueryOutcome<MetricsReport> metrics(MetricsRequest request) {
        try {
            List<Service> services = request.service().isPresent() || catalog.services().size() == 1
                    ? List.of(catalog.resolve(request.service())) : catalog.services();
            request.environment().ifPresent(env -> {
                if (services.stream().noneMatch(s -> s.environment(env).isPresent())) {
                    throw new IllegalArgumentException(services.size() == 1 ? "service %s has no environment '%s'; its environments: %s"
                            .formatted(services.getFirst().name(), env, String.join(", ", services.getFirst().environmentNames()))
                            : "no service has an environment '%s'".formatted(env));
                }
            });
            Instant to = clock.now();
            Instant from = to.minus(request.window());
            int weeks = (int) Math.ceil(request.window().toSeconds() / (double) WEEK.toSeconds());
            Instant trendFrom = to.minus(WEEK.multipliedBy(weeks));
            List<EnvironmentMetrics> environments = new ArrayList<>();
            // One read for the whole request: of the one service asked about, or of every service at once.
            Map<String, List<Finished>> byEnvironment = new HashMap<>();
            Optional<String> only = services.size() == 1 ? Optional.of(services.getFirst().name()) : Optional.empty();
            for (Finished f : registry.finished(only, trendFrom, to)) {
                byEnvironment.computeIfAbsent(f.service() + "/" + f.environment(), e -> new ArrayList<>()).add(f);
            }
            for (Service service : services) {
                for (Environment environment : service.environments().values()) {
                    if (request.environment().filter(e -> !e.equals(environment.name())).isPresent()) continue;
                    List<Finished> finished = byEnvironment.getOrDefault(service.name() + "/" + environment.name(), List.of());
                    List<Delivery> deliveries = environment.production() ? registry.deliveries(service.name(), environment.name(), trendFrom, to) : List.of();
                    Facts facts = new Facts(finished);
                    List<Week> trend = new ArrayList<>();
                    for (int w = weeks - 1; w >= 0; w--) {
                        Instant weekTo = to.minus(WEEK.multipliedBy(w));
                        Instant weekFrom = weekTo.minus(WEEK);
                        trend.add(new Week(weekFrom, weekTo, keys(facts, deliveries, weekFrom, weekTo, environment.production())));
                    }
                    environments.add(new EnvironmentMetrics(service.name(), environment.name(), environment.production(),
                            keys(facts, deliveries, from, to, environment.production()), trend));
                }
            }
            return new QueryOutcome.Answer<>(new MetricsReport(from, to, environments));
        } catch (IllegalArgumentException e) {
            return (QueryOutcome) Outcomes.invalid(e);
        }
    }

    /**
     * The keys of one environment over {@code [from, to)}, from its deployments finished from before {@code from} to now
     * (a failure in the span may be recovered, or a deploy rolled back, after it) in finish order, and its first deliveries.
     */
    static Keys keys(List<Finished> finished, List<Delivery> deliveries, Instant from, Instant to, boolean production) {
        return keys(new Facts(finished), deliveries, from, to, production);
    }

    private static Keys keys(Facts facts, List<Delivery> deliveries, Instant from, Instant to, boolean production) {
        int deploys = 0;
        int succeeded = 0;
        int failures = 0;
        int unrecovered = 0;
        List<Duration> recoveries = new ArrayList<>();
        for (int i = 0; i < facts.finished.size(); i++) {
            Finished f = facts.finished.get(i);
            if (f.kind() == Kind.ROLLBACK || !VERDICT.contains(f.status()) || f.finishedAt().isBefore(from) || !f.finishedAt().isBefore(to)) continue;
            deploys++;
            if (f.status() == Status.SUCCEEDED) succeeded++;
            if (!FAILED.contains(f.status()) && !facts.rolledBack.contains(f.id().value())) continue;
            failures++;
            Instant recovered = facts.nextSuccess[i];
            if (recovered == null) unrecovered++;
            else recoveries.add(Duration.between(f.finishedAt(), recovered));
        }
        double days = Duration.between(from, to).toSeconds() / 86_400.0;

        List<Duration> leadTimes = new ArrayList<>();
        if (production) {
            for (Delivery d : deliveries) {
                if (d.deliveredAt().isBefore(from) || !d.deliveredAt().isBefore(to)) continue;
                Duration lead = Duration.between(d.authoredAt(), d.deliveredAt());
                leadTimes.add(lead.isNegative() ? Duration.ZERO : lead);
            }
        }
        return new Keys(succeeded, succeeded / days, succeeded / days * 7, leadTimes.size(), percentile(leadTimes, 50), percentile(leadTimes, 90),
                deploys, failures, deploys == 0 ? Optional.empty() : Optional.of(failures / (double) deploys),
                recoveries.size(), unrecovered, percentile(recoveries, 50));
    }

    /**
     * One environment's finished deployments in finish order, read once for the window and each week: which succeeded
     * deploys a later rollback took out, and for each deployment when the next succeeded one finished.
     */
    private static final class Facts {
        final List<Finished> finished;
        final Set<String> rolledBack = new java.util.HashSet<>();
        final Instant[] nextSuccess;

        Facts(List<Finished> finished) {
            this.finished = finished;
            this.nextSuccess = new Instant[finished.size()];
            Instant next = null;
            for (int i = finished.size() - 1; i >= 0; i--) {
                nextSuccess[i] = next;
                if (finished.get(i).status() == Status.SUCCEEDED) next = finished.get(i).finishedAt();
            }
            // A rollback (not cancelled) takes out the newest succeeded deploy of the tag it left, finished before it started.
            Map<String, List<Finished>> succeededByTag = new HashMap<>();
            for (Finished f : finished) {
                if (f.kind() != Kind.ROLLBACK && f.status() == Status.SUCCEEDED) succeededByTag.computeIfAbsent(f.tag(), t -> new ArrayList<>()).add(f);
            }
            for (Finished rollback : finished) {
                if (rollback.kind() != Kind.ROLLBACK || rollback.status() == Status.CANCELLED || rollback.previousTag().isEmpty()) continue;
                Finished taken = null;
                for (Finished candidate : succeededByTag.getOrDefault(rollback.previousTag().get(), List.of())) {
                    if (candidate.finishedAt().isBefore(rollback.createdAt())) taken = candidate;
                }
                if (taken != null) rolledBack.add(taken.id().value());
            }
        }
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it; empty for no values. */
    static Optional<Duration> percentile(List<Duration> values, int p) {
        if (values.isEmpty()) return Optional.empty();
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }
}
