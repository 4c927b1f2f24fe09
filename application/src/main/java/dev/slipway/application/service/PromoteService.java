package dev.slipway.application.service;

import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.lock.Lock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.access.Role;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes the release an environment runs to the environment promoted from it: merges its commit into the target's
 * branch (fast-forward when it can; a conflict is refused naming the files), tags it with the target's pattern
 * (0.1.30-dev becomes v0.1.30) and deploys it there.
 */
public final class PromoteService implements Promote {

    private final Catalog catalog;
    private final ReleasePlanner planner;
    private final VersionControl git;
    private final DeploymentRunner runner;
    private final ApprovalService approvals;
    private final DeploymentRegistry registry;
    private final AbandonedDeployments abandoned;
    private final AuditTrail audit;
    private final Clock clock;
    private final DeploymentLocks locks;

    public PromoteService(Catalog catalog, ReleasePlanner planner, VersionControl git, DeploymentRunner runner, ApprovalService approvals, DeploymentRegistry registry,
                          AbandonedDeployments abandoned, AuditTrail audit, Clock clock, DeploymentLocks locks) {
        this.locks = locks;
        this.catalog = catalog;
        this.planner = planner;
        this.git = git;
        this.runner = runner;
        this.approvals = approvals;
        this.registry = registry;
        this.abandoned = abandoned;
        this.audit = audit;
        this.clock = clock;
    }

    /** Refuses a promotion against the configured direction (naming the right order) or into an environment without one branch. */
    private static void checkDirection(Environment from, Environment to) {
        if (to.promotedFrom().filter(from.name()::equals).isEmpty()) {
            if (from.promotedFrom().filter(to.name()::equals).isPresent()) {
                throw new InvalidRequest("%s is promoted from %s, not the other way round".formatted(from.name(), to.name()),
                        "did you mean `slipway promote %s %s`?".formatted(to.name(), from.name()));
            }
            throw new InvalidRequest("%s is not promoted from %s%s".formatted(to.name(), from.name(),
                    to.promotedFrom().map(f -> "; it is promoted from " + f).orElse("")),
                    to.promotedFrom().map(f -> "promote from %s: `slipway promote %s %s`".formatted(f, f, to.name()))
                            .orElse("set promoted-from: %s on %s in slipway.yml to allow it".formatted(from.name(), to.name())));
        }
        if (!to.branchPolicy().isExact()) {
            throw new IllegalArgumentException("%s follows branches %s; promotion needs one branch to merge into".formatted(to.name(), to.branchPolicy().branch()));
        }
    }

    @Override
    public PlanOutcome plan(PromoteCommand command) {
        try {
            Service service = catalog.resolve(command.service());
            Environment from = DeployService.environmentOf(service, command.from());
            Environment to = DeployService.environmentOf(service, command.to());
            checkDirection(from, to);
            git.fetch(service.repository());
            Optional<Release> source = planner.current(service.name(), from.name());
            if (source.isEmpty()) {
                return new Refused("promotion", "%s/%s runs no release to promote".formatted(service.name(), from.name()), "deploy %s first".formatted(from.name()));
            }
            Release tested = source.get();
            String tag = to.tagPattern().format(tested.version());
            Optional<CommitId> existing = git.tag(service.repository(), tag);
            if (existing.isPresent() && !git.isAncestor(service.repository(), tested.commit(), existing.get())) {
                return new Refused("promotion", "%s exists already and does not contain %s".formatted(tag, tested.tag()), "deploy a new version to %s first".formatted(from.name()));
            }
            CommitId commit = existing.orElse(tested.commit());
            Optional<Release> current = planner.current(service.name(), to.name());
            Optional<Lock> lock = locks.current(new LockKey(service.name(), to.name())).filter(l -> !l.isExpiredAt(clock.now()));
            return new PlanOutcome.Planned(service.name(), to.name(), Kind.PROMOTE, tag, commit.sha(), current.map(Release::tag),
                    Optional.of(to.branchPolicy().branch()), Optional.empty(), planner.notes(service.repository(), current, commit).commits(),
                    to.target().type(), to.approval().required(), lock, existing.isPresent(), Optional.of(from.name()),
                    PlanOutcome.Delivery.of(to));
        } catch (IllegalArgumentException e) {
            return Outcomes.invalid(e);
        }
    }

    @Override
    public DeploymentOutcome promote(PromoteCommand command) {
        String subject = command.service().orElse("") + "/" + command.from() + "->" + command.to();
        return audit.deploymentCommand(command.actor(), "promote", subject, () -> {
            Service service = catalog.resolve(command.service());
            Environment from = DeployService.environmentOf(service, command.from());
            Environment to = DeployService.environmentOf(service, command.to());
            checkDirection(from, to);
            Optional<Refused> refused = Outcomes.access(catalog, command.actor(), service.name(), to.name(), Role.DEPLOY)
                    .or(() -> Outcomes.duplicate(registry, command.requestKey(), clock));
            if (refused.isPresent()) return refused.get();
            return Outcomes.freeingTheKeyUnlessStarted(registry, command.requestKey(), () -> {
                abandoned.sweep(service.name(), to.name());
                git.fetch(service.repository());
                Optional<Release> source = planner.current(service.name(), from.name());
                if (source.isEmpty()) {
                    return new Refused("promotion", "%s/%s runs no release to promote".formatted(service.name(), from.name()), "deploy %s first".formatted(from.name()));
                }
                Release tested = source.get();
                String tag = to.tagPattern().format(tested.version());
                Optional<CommitId> existing = git.tag(service.repository(), tag);
                List<String[]> journal = new ArrayList<>();
                journal.add(new String[] {"resolve-version", "%s runs %s; promoting it as %s".formatted(from.name(), tested.tag(), tag)});
                CommitId commit;
                boolean createTag;
                if (existing.isPresent()) {
                    if (!git.isAncestor(service.repository(), tested.commit(), existing.get())) {
                        return new Refused("promotion", "%s exists already and does not contain %s".formatted(tag, tested.tag()), "deploy a new version to %s first".formatted(from.name()));
                    }
                    commit = existing.get();
                    createTag = false;
                    journal.add(new String[] {"merge", "%s exists already at %s".formatted(tag, commit.abbreviated())});
                } else if (to.approval().required()) {
                    // Nothing reaches the target's branch before someone approves: the merge happens when it is approved.
                    commit = tested.commit();
                    createTag = true;
                } else {
                    switch (PromotionMerge.merge(git, service, from, to, tested.commit(), tested.tag(), tag, command.actor())) {
                        case PromotionMerge.Result.Conflict conflict -> {
                            return conflict.refusal();
                        }
                        case PromotionMerge.Result.Merged merged -> {
                            journal.add(new String[] {"merge", merged.detail()});
                            commit = merged.head();
                        }
                    }
                    createTag = true;
                }
                Release release = Release.of(service.name(), tested.version(), tag, commit);
                Optional<Release> current = planner.current(service.name(), to.name());
                Deployment planned = Deployment.plan(Outcomes.newId(command.requestKey()), Kind.PROMOTE, release, to.name(), current, command.actor(),
                        "Promote %s".formatted(tested.tag()), "", planner.notes(service.repository(), current, commit), clock.now());
                if (to.approval().required()) return approvals.request(planned, to);
                return runner.run(planned, new DeploymentRunner.Run(service, to, createTag, journal, command.lockWait(), command.timeout()));
            });
        });
    }
}
