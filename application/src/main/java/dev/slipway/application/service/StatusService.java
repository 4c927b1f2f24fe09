package dev.slipway.application.service;

import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.release.Release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What each environment runs according to the registry and to the target, what is in flight, and who holds it. */
public final class StatusService implements EnvironmentStatus {

    /** How long the whole status may wait for targets that ask their instances (SSM) what runs; those late are told as unknown. */
    public static final Duration TARGETS_ANSWER_WITHIN = Duration.ofSeconds(10);

    private final Catalog catalog;
    private final DeploymentRegistry registry;
    private final DeploymentLocks locks;
    private final Targets targets;
    private final AbandonedDeployments abandoned;
    private final Clock clock;

    public StatusService(Catalog catalog, DeploymentRegistry registry, DeploymentLocks locks, Targets targets, AbandonedDeployments abandoned, Clock clock) {
        this.catalog = catalog;
        this.registry = registry;
        this.locks = locks;
        this.targets = targets;
        this.abandoned = abandoned;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public QueryOutcome<List<EnvironmentState>> status(StatusRequest request) {
        try {
            List<Service> services = request.service().isPresent() ? List.of(catalog.resolve(request.service())) : catalog.services();
            if (request.environment().isPresent() && services.size() == 1) DeployService.environmentOf(services.getFirst(), request.environment().get());
            List<Deployment> interrupted = abandoned.sweepForQuery(request.service().orElse(null), request.environment().orElse(null));
            List<EnvironmentState> states = new ArrayList<>();
            Instant answerBy = clock.now().plus(TARGETS_ANSWER_WITHIN);
            for (Service service : services) {
                for (Environment environment : service.environments().values()) {
                    if (request.environment().filter(e -> !e.equals(environment.name())).isPresent()) continue;
                    states.add(state(service, environment, interrupted, answerBy));
                }
            }
            return new QueryOutcome.Answer<>(states);
        } catch (IllegalArgumentException e) {
            return (QueryOutcome) Outcomes.invalid(e);
        }
    }

    private EnvironmentState state(Service service, Environment environment, List<Deployment> interruptedNow, Instant answerBy) {
        Optional<Deployment> current = registry.latest(service.name(), environment.name(), Status.SETTLED);
        Optional<Deployment> active = registry.latest(service.name(), environment.name(), Status.ACTIVE);
        Optional<Lock> lock = locks.current(new LockKey(service.name(), environment.name())).filter(l -> !l.isExpiredAt(clock.now()));
        Optional<DeploymentTarget.Running> reported;
        Optional<DeploymentTarget.Running> running;
        Optional<String> drift;
        try {
            reported = targets.of(environment).running(service, environment, answerBy);
            // A target that can tell nothing about what runs may still have words to add (the latest pipeline execution).
            running = reported.filter(r -> !r.tag().isBlank());
            Optional<String> expected = current.flatMap(Deployment::resultingRelease).map(Release::tag);
            drift = driftBetween(expected, running);
        } catch (OutsideSystemFailure e) {
            reported = Optional.empty();
            running = Optional.empty();
            drift = Optional.of("could not ask the target: " + e.getMessage());
        }
        List<Deployment> interrupted = new ArrayList<>(interruptedNow.stream()
                .filter(d -> d.service().equals(service.name()) && d.environment().equals(environment.name())).toList());
        registry.latest(service.name(), environment.name(), java.util.EnumSet.of(Status.INTERRUPTED))
                .filter(d -> interrupted.stream().noneMatch(i -> i.id().equals(d.id())))
                .filter(d -> current.map(c -> d.createdAt().isAfter(c.createdAt())).orElse(true))
                .ifPresent(interrupted::add);
        return new EnvironmentState(service.name(), environment.name(), environment.target().type(), current, active, lock,
                running.map(DeploymentTarget.Running::tag), running.flatMap(DeploymentTarget.Running::endpoint).map(Object::toString),
                running.map(DeploymentTarget.Running::alive), drift, interrupted,
                reported.map(DeploymentTarget.Running::detail).filter(detail -> !detail.isBlank()));
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
