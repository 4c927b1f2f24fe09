package dev.slipway.application.service;

import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.application.presentation.Words;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.release.Release;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What each environment runs according to the registry and to the target, whether its health check passes now, what
 * is in flight, and who holds it. The whole answer is bounded ({@link StatusRequest#bound()}): the targets and health
 * checks of all environments are asked at once, and one that has not answered by then is reported as unknown.
 */
public final class StatusService implements EnvironmentStatus {

    private final Catalog catalog;
    private final DeploymentRegistry registry;
    private final DeploymentLocks locks;
    private final Targets targets;
    private final AbandonedDeployments abandoned;
    private final HealthProbe probe;
    private final Clock clock;

    public StatusService(Catalog catalog, DeploymentRegistry registry, DeploymentLocks locks, Targets targets, AbandonedDeployments abandoned,
                         HealthProbe probe, Clock clock) {
        this.catalog = catalog;
        this.registry = registry;
        this.locks = locks;
        this.targets = targets;
        this.abandoned = abandoned;
        this.probe = probe;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public QueryOutcome<List<EnvironmentState>> status(StatusRequest request) {
        try {
            List<Service> services = request.service().isPresent() ? List.of(catalog.resolve(request.service())) : catalog.services();
            if (request.environment().isPresent() && services.size() == 1) DeployService.environmentOf(services.getFirst(), request.environment().get());
            Instant deadline = clock.now().plus(request.bound());
            List<Deployment> interrupted = abandoned.sweepForQuery(request.service().orElse(null), request.environment().orElse(null));
            List<Pending> pending = new ArrayList<>();
            for (Service service : services) {
                for (Environment environment : service.environments().values()) {
                    if (request.environment().filter(e -> !e.equals(environment.name())).isPresent()) continue;
                    pending.add(start(service, environment, deadline));
                }
            }
            List<EnvironmentState> states = new ArrayList<>();
            for (Pending p : pending) states.add(state(p, awaitTarget(p, request.bound(), deadline), interrupted));
            return new QueryOutcome.Answer<>(states);
        } catch (IllegalArgumentException e) {
            return (QueryOutcome) Outcomes.invalid(e);
        }
    }

    /** One environment being asked: its registry record, and the target's answer and health check still coming. */
    private record Pending(Service service, Environment environment, Optional<Deployment> current, CompletableFuture<TargetAnswer> target) {}

    /** What the target says runs, the drift from the registry, and the health check's answer. */
    private record TargetAnswer(Optional<DeploymentTarget.Running> reported, Optional<DeploymentTarget.Running> running, Optional<String> drift,
                                HealthAnswer health) {}

    private Pending start(Service service, Environment environment, Instant deadline) {
        Optional<Deployment> current = registry.latest(service.name(), environment.name(), Status.SETTLED);
        CompletableFuture<TargetAnswer> answer = new CompletableFuture<>();
        // Each environment's target and health check are asked on a thread of their own, so one that hangs costs the
        // others nothing and the whole answer stays within its bound.
        Thread.ofVirtual().name("slipway-status-" + service.name() + "-" + environment.name()).start(() -> {
            try {
                answer.complete(ask(service, environment, current, deadline));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        return new Pending(service, environment, current, answer);
    }

    private TargetAnswer awaitTarget(Pending p, Duration bound, Instant deadline) {
        long left = Math.max(1, Duration.between(clock.now(), deadline).toMillis());
        try {
            return p.target().get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.target().cancel(true);
            String why = "no answer within " + dev.slipway.domain.input.Durations.format(bound);
            return new TargetAnswer(Optional.empty(), Optional.empty(), Optional.of("unknown: the target gave " + why), HealthAnswer.unknown(why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TargetAnswer(Optional.empty(), Optional.empty(), Optional.empty(), HealthAnswer.unknown("interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(cause);
        }
    }

    private TargetAnswer ask(Service service, Environment environment, Optional<Deployment> current, Instant deadline) {
        try {
            Optional<DeploymentTarget.Running> reported = targets.of(environment).running(service, environment, deadline);
            // A target that can tell nothing about what runs may still have words to add (the latest pipeline execution).
            Optional<DeploymentTarget.Running> running = reported.filter(r -> !r.tag().isBlank());
            Optional<String> expected = current.flatMap(Deployment::resultingRelease).map(Release::tag);
            return new TargetAnswer(reported, running, driftBetween(expected, running), health(environment, running, deadline));
        } catch (OutsideSystemFailure e) {
            return new TargetAnswer(Optional.empty(), Optional.empty(), Optional.of("could not ask the target: " + e.getMessage()),
                    HealthAnswer.unknown("could not ask the target"));
        }
    }

    /** Runs the environment's health check once against what runs, within what is left of the bound. */
    private HealthAnswer health(Environment environment, Optional<DeploymentTarget.Running> running, Instant deadline) {
        if (running.isEmpty()) return HealthAnswer.unknown("the target reports nothing running");
        if (!running.get().alive()) return HealthAnswer.unknown("%s is not running".formatted(running.get().tag()));
        Optional<URI> endpoint = running.get().endpoint();
        if (endpoint.isEmpty()) return HealthAnswer.unknown("the target gives no address to run the health check against");
        Duration left = Duration.between(clock.now(), deadline);
        if (left.isNegative() || left.isZero()) return HealthAnswer.unknown("no time left to run the health check");
        HealthCheck configured = environment.healthCheck();
        Duration timeout = configured.timeout().compareTo(left) < 0 ? configured.timeout() : left;
        HealthCheck once = new HealthCheck(configured.path(), timeout, 1, Duration.ZERO, Optional.empty());
        HealthProbe.Health answer = probe.probe(endpoint.get(), once, StepContext.quiet(deadline));
        return new HealthAnswer(answer.healthy() ? HealthAnswer.HEALTHY : HealthAnswer.UNHEALTHY, answer.detail());
    }

    private EnvironmentState state(Pending p, TargetAnswer target, List<Deployment> interruptedNow) {
        Service service = p.service();
        Environment environment = p.environment();
        Optional<Deployment> current = p.current();
        Optional<Deployment> active = registry.latest(service.name(), environment.name(), Status.ACTIVE);
        Optional<Lock> lock = locks.current(new LockKey(service.name(), environment.name())).filter(l -> !l.isExpiredAt(clock.now()));
        List<Deployment> interrupted = new ArrayList<>(interruptedNow.stream()
                .filter(d -> d.service().equals(service.name()) && d.environment().equals(environment.name())).toList());
        registry.latest(service.name(), environment.name(), java.util.EnumSet.of(Status.INTERRUPTED))
                .filter(d -> interrupted.stream().noneMatch(i -> i.id().equals(d.id())))
                .filter(d -> current.map(c -> d.createdAt().isAfter(c.createdAt())).orElse(true))
                .ifPresent(interrupted::add);
        Optional<DeploymentTarget.Running> running = target.running();
        return new EnvironmentState(service.name(), environment.name(), environment.target().type(), current, active, lock,
                running.map(DeploymentTarget.Running::tag), running.flatMap(DeploymentTarget.Running::endpoint).map(Object::toString),
                running.map(DeploymentTarget.Running::alive), target.drift(), interrupted,
                target.reported().map(DeploymentTarget.Running::detail).filter(detail -> !detail.isBlank()), target.health());
    }

    private static Optional<String> driftBetween(Optional<String> expected, Optional<DeploymentTarget.Running> running) {
        if (expected.isEmpty() && running.isEmpty()) return Optional.empty();
        if (running.isEmpty()) return Optional.of("the registry says %s, the target runs nothing".formatted(expected.get()));
        if (!running.get().alive()) return Optional.of("%s is not running (%s)".formatted(running.get().tag(), running.get().detail()));
        if (expected.isEmpty()) return Optional.of("the target runs %s, which the registry does not know".formatted(running.get().tag()));
        if (!expected.get().equals(running.get().tag())) return Optional.of("the registry says %s, the target runs %s".formatted(expected.get(), running.get().tag()));
        return Optional.empty();
    }
}
