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
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
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
            DeploymentId id = Outcomes.newId(command.requestKey());
            DeploymentOutcome outcome;
            try {
                outcome = claimed(command, service, environment, id);
            } catch (RuntimeException e) {
                if (registry.find(id).isEmpty()) forget(command);
                throw e;
            }
            if (outcome instanceof Refused || outcome instanceof DeploymentOutcome.TimedOut) {
                // Refused before any work started: the key may be used again. An API caller may have been told 202 with a
                // Location before the refusal came: the Location answers it.
                if (answeredElsewhere(command, outcome)) recordRefusal(command, service, environment, id, outcome);
                forget(command);
            }
            return outcome;
        });
    }

    /**
     * The deploy once its request key is claimed. An environment that needs approval plans at once (the approval fixes
     * the commit); otherwise the lock comes first, and only the holder decides the commit and the version, so that
     * requests waiting for the lock deploy one after another, each the branch head as it is then.
     */
    private DeploymentOutcome claimed(DeployCommand command, Service service, Environment environment, DeploymentId id) {
        abandoned.sweep(service.name(), environment.name());
        if (environment.approval().required()) {
            ReleasePlan plan = planner.plan(service, environment, command, fromCheckout(command.actor()));
            Optional<Refused> refusal = plan.anyRefusal();
            if (refusal.isPresent()) return refusal.get();
            // Whoever approves may run it elsewhere: the commit must be on the remote by then.
            plan.publish().ifPresent(branch -> planner.publish(service.repository(), branch));
            return approvals.request(planned(command, plan, id), environment);
        }
        LockKey key = new LockKey(service.name(), environment.name());
        return switch (runner.lock(key, id, command.actor(), "deploy %s".formatted(command.version().orElse("(next version of %s)".formatted(environment.name()))),
                command.lockWait())) {
            case DeploymentRunner.LockResult.NotHeld notHeld -> notHeld.outcome();
            case DeploymentRunner.LockResult.Held held -> {
                ReleasePlan plan;
                try {
                    plan = planner.plan(service, environment, command, fromCheckout(command.actor()));
                } catch (RuntimeException e) {
                    runner.unlock(key);
                    throw e;
                }
                Optional<Refused> refusal = plan.anyRefusal();
                if (refusal.isPresent()) {
                    runner.unlock(key);
                    yield refusal.get();
                }
                yield runner.runLocked(planned(command, plan, id),
                        new DeploymentRunner.Run(service, environment, plan.createTag(), plan.journal(), command.lockWait(), command.timeout(), plan.publish()));
            }
        };
    }

    private Deployment planned(DeployCommand command, ReleasePlan plan, DeploymentId id) {
        // Deploying a tag that exists already: its message names the deployment unless the command does.
        ReleasePlanner.Description tagged = plan.createTag() || (command.name().isPresent() && command.summary().isPresent())
                ? new ReleasePlanner.Description(Optional.empty(), Optional.empty()) : planner.describedByTag(plan.service().repository(), plan.release().tag());
        Deployment fresh = Deployment.plan(id, plan.kind(), plan.release(), plan.environment().name(), plan.current(),
                command.actor(), command.name().or(tagged::name).orElse(null), command.summary().or(tagged::summary).orElse(null), plan.notes(), clock.now());
        // A retry of a request refused before any work (its key was freed) takes the place of the record of that refusal;
        // the compare-and-set on its revision still stops two retries from both taking it.
        return registry.find(id).filter(old -> old.status() == Status.CANCELLED && old.steps().isEmpty())
                .map(old -> fresh.atRevision(old.revision())).orElse(fresh);
    }

    /**
     * Whether the caller may have been given the deployment's Location before this refusal came: an API request (its
     * answer turns into a 202 when the refusal is slow to come), or a webhook delivery. A webhook's echo of a push that
     * is already deployed (nothing-new) is not worth a record.
     */
    private static boolean answeredElsewhere(DeployCommand command, DeploymentOutcome outcome) {
        if (command.requestKey().isEmpty()) return false;
        return switch (command.actor().via()) {
            case API -> true;
            case WEBHOOK -> !(outcome instanceof Refused r && r.rule().equals("nothing-new"));
            default -> false;
        };
    }

    private void forget(DeployCommand command) {
        Outcomes.forget(registry, command.requestKey());
    }

    /**
     * Records a refusal under the request's deployment id, CANCELLED with the rule and the reason, so that the
     * {@code Location} an API caller was given answers it. A request whose release cannot even be planned records nothing.
     */
    private void recordRefusal(DeployCommand command, Service service, Environment environment, DeploymentId id, DeploymentOutcome outcome) {
        String reason = switch (outcome) {
            case Refused r -> "refused (%s): %s; %s".formatted(r.rule(), r.reason(), r.howToUnblock());
            case DeploymentOutcome.TimedOut t -> "refused (lock): timed out waiting for the %s: %s; retry with the same Idempotency-Key".formatted(t.waitingFor(), t.reason());
            default -> throw new IllegalStateException("only a refusal is recorded this way");
        };
        try {
            if (registry.find(id).isPresent()) return;
            ReleasePlan plan = planner.plan(service, environment, command.options().redeploy() ? command : command.redeploy(true).allowOlder(true), false);
            registry.save(planned(command, plan, id).cancel(reason, clock.now()));
        } catch (RuntimeException e) {
            // Nothing to show at the Location then; the caller still learns the refusal if it waited for the answer.
        }
    }

    @Override
    public PlanOutcome plan(DeployCommand command) {
        try {
            Service service = catalog.resolve(command.service());
            Environment environment = environmentOf(service, command.environment());
            ReleasePlan plan = planner.plan(service, environment, command, fromCheckout(command.actor()));
            if (plan.refusal().isPresent()) return plan.refusal().get();
            Optional<Lock> lock = locks.current(new LockKey(service.name(), environment.name())).filter(l -> !l.isExpiredAt(clock.now()));
            return new PlanOutcome.Planned(service.name(), environment.name(), plan.kind(), plan.release().tag(), plan.release().commit().sha(),
                    plan.current().map(r -> r.tag()), plan.branch(), plan.branchRefusal(), plan.notes().commits(),
                    environment.target().type(), environment.approval().required(), lock, !plan.createTag(),
                    PlanOutcome.Delivery.of(environment));
        } catch (IllegalArgumentException e) {
            return Outcomes.invalid(e);
        }
    }

    /** The command line and the shell run in someone's working copy; Slack, the API and webhooks act on what was pushed. */
    private static boolean fromCheckout(dev.slipway.domain.deployment.Actor actor) {
        return actor.via() == dev.slipway.domain.deployment.FrontEnd.CLI || actor.via() == dev.slipway.domain.deployment.FrontEnd.SHELL;
    }

    static Environment environmentOf(Service service, String name) {
        return service.environment(name).orElseThrow(() -> new InvalidRequest(
                "service %s has no environment '%s'; its environments: %s".formatted(service.name(), name, String.join(", ", service.environmentNames())),
                "name one of them: %s".formatted(String.join(", ", service.environmentNames()))));
    }
}
