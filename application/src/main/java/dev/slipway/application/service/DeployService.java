package dev.slipway.application.service;

import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

import java.util.Optional;

/** Deploys a service's branch head, or a named version, to an environment; and plans the same without doing it. */
public final class DeployService implements Deploy, PlanDeployment {

    private final Catalog catalog;
    private final ReleasePlanner planner;
    private final DeploymentRunner runner;
    private final ApprovalService approvals;
    private final DeploymentLocks locks;
    private final DeploymentRegistry registry;
    private final AbandonedDeployments abandoned;
    private final AuditTrail audit;
    private final Clock clock;

    public DeployService(Catalog catalog, ReleasePlanner planner, DeploymentRunner runner, ApprovalService approvals,
                         DeploymentLocks locks, DeploymentRegistry registry, AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        this.catalog = catalog;
        this.planner = planner;
        this.runner = runner;
        this.approvals = approvals;
        this.locks = locks;
        this.registry = registry;
        this.abandoned = abandoned;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public DeploymentOutcome deploy(DeployCommand command) {
        String subject = command.service().orElse("") + "/" + command.environment();
        return audit.deploymentCommand(command.actor(), "deploy", subject, () -> {
            Service service = catalog.resolve(command.service());
            Environment environment = environmentOf(service, command.environment());
            Optional<Refused> refused = Outcomes.access(catalog, command.actor(), service.name(), environment.name(), Role.DEPLOY)
                    .or(() -> Outcomes.duplicate(registry, command.requestKey(), clock));
            if (refused.isPresent()) return refused.get();
            abandoned.sweep(service.name(), environment.name());
            ReleasePlan plan = planner.plan(service, environment, command.version(), command.bump(), fromCheckout(command.actor()));
            if (plan.branchRefusal().isPresent()) {
                return new Refused("branch", plan.branchRefusal().get(),
                        "switch to %s (git switch %s) and deploy again".formatted(environment.branchPolicy().branch(), environment.branchPolicy().branch()));
            }
            // Deploying a tag that exists already: its message names the deployment unless the command does.
            ReleasePlanner.Description tagged = plan.createTag() || (command.name().isPresent() && command.summary().isPresent())
                    ? new ReleasePlanner.Description(Optional.empty(), Optional.empty()) : planner.describedByTag(service.repository(), plan.release().tag());
            Deployment planned = Deployment.plan(Outcomes.newId(command.requestKey()), plan.kind(), plan.release(), environment.name(), plan.current(),
                    command.actor(), command.name().or(tagged::name).orElse(null), command.summary().or(tagged::summary).orElse(null), plan.notes(), clock.now());
            if (environment.approval().required()) return approvals.request(planned, environment);
            return runner.run(planned, new DeploymentRunner.Run(service, environment, plan.createTag(), plan.journal(), command.lockWait(), command.timeout()));
        });
    }

    @Override
    public PlanOutcome plan(DeployCommand command) {
        try {
            Service service = catalog.resolve(command.service());
            Environment environment = environmentOf(service, command.environment());
            ReleasePlan plan = planner.plan(service, environment, command.version(), command.bump(), fromCheckout(command.actor()));
            Optional<Lock> lock = locks.current(new LockKey(service.name(), environment.name())).filter(l -> !l.isExpiredAt(clock.now()));
            return new PlanOutcome.Planned(service.name(), environment.name(), plan.kind(), plan.release().tag(), plan.release().commit().sha(),
                    plan.current().map(r -> r.tag()), plan.branch(), plan.branchRefusal(), plan.notes().commits(),
                    environment.target().type(), environment.approval().required(), lock, !plan.createTag());
        } catch (IllegalArgumentException e) {
            return Outcomes.invalid(e);
        }
    }

    /** The command line and the shell run in someone's working copy; Slack, the API and webhooks act on what was pushed. */
    private static boolean fromCheckout(dev.slipway.domain.deployment.Actor actor) {
        return actor.via() == dev.slipway.domain.deployment.FrontEnd.CLI || actor.via() == dev.slipway.domain.deployment.FrontEnd.SHELL;
    }

    static Environment environmentOf(Service service, String name) {
        return service.environment(name).orElseThrow(() -> new IllegalArgumentException(
                "service %s has no environment '%s'; its environments: %s".formatted(service.name(), name, String.join(", ", service.environmentNames()))));
    }
}
