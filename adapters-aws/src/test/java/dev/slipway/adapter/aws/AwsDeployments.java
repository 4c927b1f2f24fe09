package dev.slipway.adapter.aws;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.FakeHealthProbe;
import dev.slipway.application.fakes.FakeVersionControl;
import dev.slipway.application.fakes.InMemoryAuditLog;
import dev.slipway.application.fakes.InMemoryDeploymentLocks;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.service.AbandonedDeployments;
import dev.slipway.application.service.ApprovalService;
import dev.slipway.application.service.AuditTrail;
import dev.slipway.application.service.DeployService;
import dev.slipway.application.service.DeploymentRunner;
import dev.slipway.application.service.ReleasePlanner;
import dev.slipway.application.service.RunnerSettings;
import dev.slipway.application.service.StatusService;
import dev.slipway.application.service.Targets;
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
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core's deploy use case wired to in-memory fakes (git, registry, locks, health probe, fake clock) around one
 * AWS target: service {@code hello}, environment {@code dev} (branch dev, tags {version}-dev, automatic rollback).
 */
final class AwsDeployments {

    static final Actor ALICE = Actor.of("alice", FrontEnd.CLI);
    static final HealthCheck HEALTH = new HealthCheck("/health", Duration.ofSeconds(1), 2, Duration.ofMillis(1), Optional.empty());

    final FakeClock clock = new FakeClock();
    final FakeVersionControl git = new FakeVersionControl();
    final FakeHealthProbe probe = new FakeHealthProbe();
    final InMemoryDeploymentRegistry registry = new InMemoryDeploymentRegistry();
    final SourceRepository repo = git.newRepository("hello");
    final Environment dev;
    final Service service;
    final DeployService deploys;
    final StatusService statuses;

    /** Reactions to the deployment's events, for tests that change the world while a step runs. */
    final List<java.util.function.Consumer<dev.slipway.domain.deployment.DeploymentEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    AwsDeployments(String targetType, Map<String, String> settings, java.util.function.Function<AwsDeployments, DeploymentTarget> target) {
        this(targetType, settings, target, java.util.function.UnaryOperator.identity(), List.of());
    }

    /** With {@code devChange} applied to the environment (a bake, gates) and {@code gateChecks} reading its gates. */
    AwsDeployments(String targetType, Map<String, String> settings, java.util.function.Function<AwsDeployments, DeploymentTarget> target,
                   java.util.function.UnaryOperator<Environment> devChange, List<dev.slipway.application.port.out.GateCheck> gateChecks) {
        dev = devChange.apply(new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec(targetType, settings),
                HEALTH, ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false));
        service = Service.of("hello", repo, List.of(dev));
        Catalog catalog = new Catalog(List.of(service));
        InMemoryDeploymentLocks locks = new InMemoryDeploymentLocks(clock);
        AuditTrail audit = new AuditTrail(new InMemoryAuditLog(), clock);
        AbandonedDeployments abandoned = new AbandonedDeployments(registry, locks, clock, audit);
        ReleasePlanner planner = new ReleasePlanner(git, registry);
        Targets targets = new Targets(List.of(target.apply(this)));
        DeploymentRunner runner = new DeploymentRunner(registry, locks, event -> {
            clock.advance(Duration.ofMillis(10));
            listeners.forEach(listener -> listener.accept(event));
        }, clock, probe, git, targets, new RunnerSettings("aws-test", Duration.ofSeconds(15), Duration.ofMinutes(30)),
                new dev.slipway.application.service.Gates(gateChecks));
        statuses = new StatusService(catalog, registry, locks, targets, abandoned, probe, clock);
        ApprovalService approvals = new ApprovalService(catalog, registry, runner, git, abandoned, audit, clock);
        deploys = new DeployService(catalog, planner, runner, approvals, locks, registry, abandoned, audit, clock);
        git.commit(repo, "dev", Map.of("app.py", "print('hi')", ".env.example", "GREETING=hello\n"), "first", "dana");
        git.checkout(repo, "dev");
    }

    void commit(String subject) {
        git.commit(repo, "dev", Map.of("app.py", "print('" + subject + "')", ".env.example", "GREETING=hello\n"), subject, "dana");
    }

    /** The status of {@code dev}, as {@code slipway status dev} asks it. */
    EnvironmentStatus.EnvironmentState status() {
        var answer = statuses.status(new EnvironmentStatus.StatusRequest(Optional.empty(), Optional.of("dev")));
        return ((QueryOutcome.Answer<List<EnvironmentStatus.EnvironmentState>>) answer).value().getFirst();
    }

    DeploymentOutcome deploy(String version) {
        return deploys.deploy(new DeployCommand(Optional.empty(), "dev", Optional.of(version), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ZERO, Optional.empty(), ALICE));
    }
}
