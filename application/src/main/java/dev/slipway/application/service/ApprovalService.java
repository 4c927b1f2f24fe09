package dev.slipway.application.service;

import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Cancelled;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentChanged;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds deployments of environments that require approval until a different, allowed actor approves them, then runs
 * them; rejects, and lets requests lapse after the environment's expiry. Each decision is a compare-and-set: of two
 * decisions on one deployment at the same moment (two replicas, approve and reject) one stands and the other is refused.
 */
public final class ApprovalService implements Approve {

    private final Catalog catalog;
    private final DeploymentRegistry registry;
    private final DeploymentRunner runner;
    private final VersionControl git;
    private final AbandonedDeployments abandoned;
    private final AuditTrail audit;
    private final Clock clock;

    public ApprovalService(Catalog catalog, DeploymentRegistry registry, DeploymentRunner runner, VersionControl git,
                           AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        this.catalog = catalog;
        this.registry = registry;
        this.runner = runner;
        this.git = git;
        this.abandoned = abandoned;
        this.audit = audit;
        this.clock = clock;
    }

    /** Parks a planned deployment until someone approves it. */
    AwaitingApproval request(Deployment planned, Environment environment) {
        var now = clock.now();
        Deployment waiting = registry.save(planned.awaitApproval(now, now.plus(environment.approval().expiresAfter())));
        String who = environment.approval().approvers().isEmpty() ? "anyone but " + planned.requestedBy().id() : String.join(", ", new java.util.TreeSet<>(environment.approval().approvers()));
        return new AwaitingApproval(waiting, waiting.approval().orElseThrow().expiresAt(),
                "%s may approve it with `slipway approve %s`".formatted(who, waiting.id()));
    }

    @Override
    public DeploymentOutcome approve(ApproveCommand command) {
        return audit.deploymentCommand(command.actor(), "approve", command.deploymentId(), () -> {
            Deployment d = waiting(command.deploymentId());
            abandoned.sweep(d.service(), d.environment());
            d = registry.find(d.id()).orElseThrow();
            Service service = catalog.resolve(Optional.of(d.service()));
            Environment environment = DeployService.environmentOf(service, d.environment());
            if (d.status() == Status.CANCELLED) return new Cancelled(d, d.failure().orElse("cancelled"));
            if (d.status() != Status.AWAITING_APPROVAL) return Outcomes.notAwaitingApproval(d);
            Optional<Refused> denied = Outcomes.access(catalog, command.actor(), d.service(), d.environment(), Role.APPROVE);
            if (denied.isPresent()) return denied.get();
            Optional<String> refusal = environment.approval().refusal(command.actor(), d.requestedBy());
            if (refusal.isPresent()) return new Refused("approval", refusal.get(), "ask an approver of %s to run `slipway approve %s`".formatted(d.environment(), d.id()));
            boolean approvedBefore = d.approval().map(a -> a.decision() == Approval.Decision.APPROVED).orElse(false);
            if (!approvedBefore) {
                try {
                    d = registry.save(d.approve(command.actor(), command.comment().orElse(""), clock.now()));
                } catch (DeploymentChanged lost) {
                    return Outcomes.changedMeanwhile(registry, d.id());
                }
            }
            boolean createTag = git.tag(service.repository(), d.release().tag()).isEmpty();
            List<String[]> journal = new ArrayList<>();
            journal.add(new String[] {"approval", "approved by %s".formatted(d.approval().flatMap(Approval::decidedBy).orElseThrow().id())});
            if (d.kind() == Kind.PROMOTE && createTag) {
                Environment from = DeployService.environmentOf(service, environment.promotedFrom().orElseThrow());
                String testedTag = from.tagPattern().format(d.release().version());
                switch (PromotionMerge.merge(git, service, from, environment, d.release().commit(), testedTag, d.release().tag(), command.actor())) {
                    case PromotionMerge.Result.Conflict conflict -> {
                        try {
                            registry.save(d.cancel("could not merge: " + conflict.refusal().reason(), clock.now()));
                        } catch (DeploymentChanged lost) {
                            return Outcomes.changedMeanwhile(registry, d.id());
                        }
                        return conflict.refusal();
                    }
                    case PromotionMerge.Result.Merged merged -> {
                        journal.add(new String[] {"merge", merged.detail()});
                        d = d.withRelease(Release.of(d.service(), d.release().version(), d.release().tag(), merged.head()));
                    }
                }
            }
            return runner.run(d, new DeploymentRunner.Run(service, environment, createTag, journal, command.lockWait(), Optional.empty()));
        });
    }

    @Override
    public DeploymentOutcome reject(RejectCommand command) {
        return audit.deploymentCommand(command.actor(), "reject", command.deploymentId(), () -> {
            Deployment d = waiting(command.deploymentId());
            Service service = catalog.resolve(Optional.of(d.service()));
            Environment environment = DeployService.environmentOf(service, d.environment());
            if (d.status() != Status.AWAITING_APPROVAL || d.approval().map(a -> a.decision() != Approval.Decision.PENDING).orElse(false)) {
                return Outcomes.notAwaitingApproval(d);
            }
            boolean ownRequest = command.actor().samePersonAs(d.requestedBy());
            if (!ownRequest) {
                Optional<Refused> denied = Outcomes.access(catalog, command.actor(), d.service(), d.environment(), Role.APPROVE);
                if (denied.isPresent()) return denied.get();
            }
            Optional<String> refusal = ownRequest ? Optional.empty() : environment.approval().refusal(command.actor(), d.requestedBy());
            if (refusal.isPresent()) return new Refused("approval", refusal.get(), "ask an approver of %s".formatted(d.environment()));
            Deployment rejected;
            try {
                rejected = registry.save(d.reject(command.actor(), command.reason().orElse(""), clock.now()));
            } catch (DeploymentChanged lost) {
                return Outcomes.changedMeanwhile(registry, d.id());
            }
            return new Cancelled(rejected, rejected.failure().orElse("rejected"));
        });
    }

    private Deployment waiting(String id) {
        return DeploymentIds.find(registry, id);
    }
}
