package dev.slipway.application.service;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.FakeDeploymentTarget;
import dev.slipway.application.fakes.FakeHealthProbe;
import dev.slipway.application.fakes.FakeVersionControl;
import dev.slipway.application.fakes.InMemoryAuditLog;
import dev.slipway.application.fakes.InMemoryDeploymentLocks;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.application.fakes.RecordingNotifier;
import dev.slipway.application.port.in.Approve.ApproveCommand;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Promote.PromoteCommand;
import dev.slipway.application.port.in.Rollback.RollbackCommand;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every service of the core wired to in-memory fakes, around a service {@code hello} with a {@code dev} environment
 * (branch dev, tags {version}-dev, automatic rollback) and a {@code prod} environment promoted from it (branch main,
 * tags v{version}, approval by bob or carol).
 */
final class SlipwayFixture {

    static final Actor ALICE = Actor.of("alice", FrontEnd.CLI);
    static final Actor BOB = Actor.of("bob", FrontEnd.CLI);
    static final Actor MALLORY = Actor.of("mallory", FrontEnd.CLI);
    static final HealthCheck HEALTH = new HealthCheck("/health", Duration.ofSeconds(1), 3, Duration.ofMillis(100), Optional.of("/version"));

    final FakeClock clock = new FakeClock();
    final FakeVersionControl git = new FakeVersionControl();
    final FakeHealthProbe probe = new FakeHealthProbe();
    final FakeDeploymentTarget target = new FakeDeploymentTarget(probe);
    final InMemoryDeploymentRegistry registry = new InMemoryDeploymentRegistry();
    final InMemoryDeploymentLocks locks = new InMemoryDeploymentLocks(clock);
    final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    final RecordingNotifier notifier = new RecordingNotifier();
    /** Extra reactions to events, for tests that need time to pass while a step runs. */
    final List<java.util.function.Consumer<dev.slipway.domain.deployment.DeploymentEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the runner said while it waited for a lock, and what tests do then (once per wait). */
    final List<String> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Runnable> whileWaiting = new java.util.concurrent.CopyOnWriteArrayList<>();
    final SourceRepository repo = git.newRepository("hello");
    final Catalog catalog;

    final AuditTrail audit;
    final AbandonedDeployments abandoned;
    final ReleasePlanner planner;
    final DeploymentRunner runner;
    final ApprovalService approvals;
    final DeployService deploys;
    final RollbackService rollbacks;
    final PromoteService promotions;
    final HistoryService history;
    final StatusService status;
    final LockService lockService;

    SlipwayFixture() {
        this(RollbackPolicy.AUTOMATIC);
    }

    SlipwayFixture(RollbackPolicy devRollback) {
        this(devRollback, ApprovalRule.required(Set.of("bob", "carol"), Duration.ofHours(1)));
    }

    SlipwayFixture(RollbackPolicy devRollback, ApprovalRule prodApproval) {
        this(devRollback, prodApproval, dev.slipway.domain.access.AccessRules.NONE);
    }

    /** With {@code access} deciding what Slack and API actors may do. */
    SlipwayFixture(dev.slipway.domain.access.AccessRules access) {
        this(RollbackPolicy.AUTOMATIC, ApprovalRule.required(Set.of(), Duration.ofHours(1)), access);
    }

    SlipwayFixture(RollbackPolicy devRollback, ApprovalRule prodApproval, dev.slipway.domain.access.AccessRules access) {
        this(devRollback, prodApproval, access, java.util.function.UnaryOperator.identity(), List.of());
    }

    /** With {@code devChange} applied to the dev environment (a bake, gates) and {@code gateChecks} reading gates. */
    SlipwayFixture(java.util.function.UnaryOperator<Environment> devChange, List<dev.slipway.application.port.out.GateCheck> gateChecks) {
        this(RollbackPolicy.AUTOMATIC, ApprovalRule.required(Set.of("bob", "carol"), Duration.ofHours(1)), dev.slipway.domain.access.AccessRules.NONE,
                devChange, gateChecks);
    }

    SlipwayFixture(RollbackPolicy devRollback, ApprovalRule prodApproval, dev.slipway.domain.access.AccessRules access,
                   java.util.function.UnaryOperator<Environment> devChange, List<dev.slipway.application.port.out.GateCheck> gateChecks) {
        Environment dev = devChange.apply(new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec("fake", Map.of()),
                HEALTH, ApprovalRule.NONE, devRollback, Optional.empty(), false));
        Environment prod = new Environment("prod", BranchPolicy.of("main"), TagPattern.of("v{version}"), new TargetSpec("fake", Map.of()),
                HEALTH, prodApproval, RollbackPolicy.AUTOMATIC, Optional.of("dev"), true);
        catalog = new Catalog(List.of(Service.of("hello", repo, List.of(dev, prod))), access);
        audit = new AuditTrail(auditLog, clock);
        abandoned = new AbandonedDeployments(registry, locks, clock, audit);
        planner = new ReleasePlanner(git, registry);
        Targets targets = new Targets(List.of(target));
        runner = new DeploymentRunner(registry, locks, new dev.slipway.application.port.out.Notifier() {
            @Override
            public void publish(dev.slipway.domain.deployment.DeploymentEvent event) {
                notifier.publish(event);
                listeners.forEach(listener -> listener.accept(event));
            }

            @Override
            public void waiting(String service, String environment, String message) {
                waits.add(message);
                whileWaiting.forEach(Runnable::run);
            }
        }, clock, probe, git, targets,
                new RunnerSettings("test-process", Duration.ofSeconds(15), Duration.ofMinutes(30)), new Gates(gateChecks));
        // Time moves on as deployments start, so that each one is created at a moment of its own, as in real life.
        listeners.add(event -> {
            if (event instanceof dev.slipway.domain.deployment.DeploymentEvent.DeploymentStarted) clock.advance(Duration.ofSeconds(1));
        });
        approvals = new ApprovalService(catalog, registry, runner, git, abandoned, audit, clock);
        deploys = new DeployService(catalog, planner, runner, approvals, locks, registry, abandoned, audit, clock);
        rollbacks = new RollbackService(catalog, planner, registry, runner, targets, approvals, abandoned, audit, clock);
        promotions = new PromoteService(catalog, planner, git, runner, approvals, registry, abandoned, audit, clock, locks);
        history = new HistoryService(catalog, registry, abandoned);
        status = new StatusService(catalog, registry, locks, targets, abandoned, probe, clock);
        lockService = new LockService(catalog, locks, audit, clock);
    }

    /** Commits a change on {@code branch} and checks that branch out. */
    CommitId commitOn(String branch, String subject) {
        CommitId id = git.commit(repo, branch, Map.of("app.py", "print('" + subject + "')"), subject, "dana");
        git.checkout(repo, branch);
        return id;
    }

    DeploymentOutcome deploy(String environment) {
        return deploys.deploy(DeployCommand.of(environment, ALICE));
    }

    DeploymentOutcome deploy(String environment, String version) {
        return deploys.deploy(new DeployCommand(Optional.empty(), environment, Optional.of(version), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ZERO, Optional.empty(), ALICE));
    }

    DeploymentOutcome rollback(String environment, Optional<String> to) {
        return rollbacks.rollback(new RollbackCommand(Optional.empty(), environment, to, Duration.ZERO, Optional.empty(), ALICE));
    }

    DeploymentOutcome promote(String from, String to, Actor actor) {
        return promotions.promote(new PromoteCommand(Optional.empty(), from, to, Duration.ZERO, Optional.empty(), actor));
    }

    DeploymentOutcome approve(String id, Actor actor) {
        return approvals.approve(new ApproveCommand(id, Optional.empty(), Duration.ZERO, actor));
    }

    Optional<String> runningInDev() {
        return target.runningTag("hello", "dev");
    }
}
