package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Brings back the previous succeeded release of an environment, or a named one, as a deployment of its own. */
public final class RollbackService implements Rollback {

    private static final int LOOK_BACK = 50;

    private final Catalog catalog;
    private final ReleasePlanner planner;
    private final DeploymentRegistry registry;
    private final DeploymentRunner runner;
    private final Targets targets;
    private final ApprovalService approvals;
    private final AbandonedDeployments abandoned;
    private final AuditTrail audit;
    private final Clock clock;

    public RollbackService(Catalog catalog, ReleasePlanner planner, DeploymentRegistry registry, DeploymentRunner runner, Targets targets,
                           ApprovalService approvals, AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        this.catalog = catalog;
        this.planner = planner;
        this.registry = registry;
        this.runner = runner;
        this.targets = targets;
        this.approvals = approvals;
        this.abandoned = abandoned;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public DeploymentOutcome rollback(RollbackCommand command) {
        String subject = command.service().orElse("") + "/" + command.environment();
        return audit.deploymentCommand(command.actor(), "rollback", subject, () -> {
            Service service = catalog.resolve(command.service());
            Environment environment = DeployService.environmentOf(service, command.environment());
            Optional<Refused> refused = Outcomes.access(catalog, command.actor(), service.name(), environment.name(), Role.ROLLBACK)
                    .or(() -> Outcomes.duplicate(registry, command.requestKey(), clock));
            if (refused.isPresent()) return refused.get();
            return Outcomes.freeingTheKeyUnlessStarted(registry, command.requestKey(), () -> {
                abandoned.sweep(service.name(), environment.name());
                Optional<Release> current = planner.current(service.name(), environment.name());
                Release to;
                String why;
                if (command.to().isPresent()) {
                    to = planner.existing(service, environment, command.to().get());
                    why = "%s as asked".formatted(to.tag());
                } else {
                    Optional<Release> previous = previousRelease(service, environment, current);
                    if (previous.isEmpty()) {
                        return new Refused("rollback", current.map(c -> "%s/%s has no earlier release than %s that can still be restored".formatted(service.name(), environment.name(), c.tag()))
                                .orElse("%s/%s has no release yet".formatted(service.name(), environment.name())),
                                "name a version with --to, or deploy a fix");
                    }
                    to = previous.get();
                    why = "%s, the release before %s".formatted(to.tag(), current.map(Release::tag).orElse("the current one"));
                }
                if (current.filter(to::sameAs).isPresent()) {
                    return new Refused("rollback", "%s already runs in %s/%s".formatted(to.tag(), service.name(), environment.name()), "name another version with --to");
                }
                if (!targets.of(environment).canRestore(service, environment, to)) {
                    return new Refused("rollback", "%s can no longer be restored: its artifact is gone from the %s target".formatted(to.tag(), environment.target().type()),
                            "deploy it again with `slipway deploy %s --version %s`, which rebuilds it".formatted(environment.name(), to.tag()));
                }
                Deployment planned = Deployment.plan(Outcomes.newId(command.requestKey()), Kind.ROLLBACK, to, environment.name(), current, command.actor(),
                        "Roll back to " + to.tag(), current.map(c -> "from " + c.tag()).orElse(""), planner.withdrawn(service.repository(), current, to), clock.now());
                if (environment.approval().required()) return approvals.request(planned, environment);
                List<String[]> journal = new ArrayList<>();
                journal.add(new String[] {"resolve-version", why});
                return runner.run(planned, new DeploymentRunner.Run(service, environment, false, journal, command.lockWait(), command.timeout()));
            });
        });
    }

    /** The newest settled release before the current one whose artifact the target can still bring back. */
    private Optional<Release> previousRelease(Service service, Environment environment, Optional<Release> current) {
        List<Release> candidates = new ArrayList<>();
        for (Deployment d : registry.history(new HistoryQuery(Optional.of(service.name()), Optional.of(environment.name()), Status.SETTLED, LOOK_BACK, Optional.empty()))) {
            d.resultingRelease().filter(r -> current.map(c -> !c.sameAs(r)).orElse(true)).ifPresent(candidates::add);
        }
        var target = targets.of(environment);
        return candidates.stream().filter(r -> target.canRestore(service, environment, r)).findFirst();
    }
}
