package dev.slipway.adapter.slack;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.fakes.FakeDeploymentTarget;
import dev.slipway.application.fakes.FakeHealthProbe;
import dev.slipway.application.fakes.FakeVersionControl;
import dev.slipway.application.fakes.InMemoryAuditLog;
import dev.slipway.application.fakes.InMemoryDeploymentLocks;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.application.port.out.Notifier;
import dev.slipway.application.service.AbandonedDeployments;
import dev.slipway.application.service.ApprovalService;
import dev.slipway.application.service.AuditTrail;
import dev.slipway.application.service.DeployService;
import dev.slipway.application.service.DeploymentRunner;
import dev.slipway.application.service.HistoryService;
import dev.slipway.application.service.LockService;
import dev.slipway.application.service.PromoteService;
import dev.slipway.application.service.ReleasePlanner;
import dev.slipway.application.service.RollbackService;
import dev.slipway.application.service.RunnerSettings;
import dev.slipway.application.service.StatusService;
import dev.slipway.application.service.Targets;
import dev.slipway.domain.access.AccessRules;
import dev.slipway.domain.access.Grant;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.DeploymentEvent;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real core services over the application's fakes, wired as bootstrap wires them: service {@code hello} with
 * {@code dev} (no approval) and {@code prod} (approval by anyone but the requester), both from branch dev, and a grant
 * of every role to Alice and to the user group S0OPS0001 (which Bob is in, as Slack's usergroups.list tells).
 */
@Configuration(proxyBeanMethods = false)
class SlackTestCore {

    static final String TEAM = "T0SLIPWAY";
    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";
    static final String CAROL = "U0CAROL01";
    static final String OPS = "S0OPS0001";

    static final HealthCheck HEALTH = new HealthCheck("/health", Duration.ofSeconds(1), 2, Duration.ofMillis(1), Optional.empty());

    @Bean FakeClock clock() {
        return new FakeClock();
    }

    @Bean FakeVersionControl git() {
        return new FakeVersionControl();
    }

    @Bean InMemoryDeploymentRegistry registry() {
        return new InMemoryDeploymentRegistry();
    }

    @Bean InMemoryDeploymentLocks locks(FakeClock clock) {
        return new InMemoryDeploymentLocks(clock);
    }

    @Bean FakeDeploymentTarget target() {
        return new FakeDeploymentTarget(new FakeHealthProbe());
    }

    @Bean Catalog catalog(FakeVersionControl git) {
        SourceRepository repo = git.newRepository("hello");
        git.commit(repo, "dev", Map.of("app.py", "print('hi')"), "first", "dana");
        git.checkout(repo, "dev");
        Environment dev = new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec("fake", Map.of()),
                HEALTH, ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false);
        Environment prod = new Environment("prod", BranchPolicy.of("dev"), TagPattern.of("v{version}"), new TargetSpec("fake", Map.of()),
                HEALTH, ApprovalRule.required(Set.of(), Duration.ofHours(1)), RollbackPolicy.AUTOMATIC, Optional.empty(), false);
        AccessRules access = new AccessRules(List.of(new Grant(Set.of(ALICE, OPS), EnumSet.allOf(Role.class), Set.of(), Set.of())));
        return new Catalog(List.of(Service.of("hello", repo, List.of(dev, prod))), access);
    }

    @Bean AuditTrail audit(FakeClock clock) {
        return new AuditTrail(new InMemoryAuditLog(), clock);
    }

    @Bean AbandonedDeployments abandoned(InMemoryDeploymentRegistry registry, InMemoryDeploymentLocks locks, FakeClock clock, AuditTrail audit) {
        return new AbandonedDeployments(registry, locks, clock, audit);
    }

    @Bean ReleasePlanner planner(FakeVersionControl git, InMemoryDeploymentRegistry registry) {
        return new ReleasePlanner(git, registry);
    }

    @Bean Targets targets(FakeDeploymentTarget target) {
        return new Targets(List.of(target));
    }

    /**
     * Every Notifier bean hears every event, as bootstrap's fan-out does. Each step start takes a few real milliseconds
     * here, standing in for a target that does real work, so that the live message has something to coalesce.
     */
    @Bean DeploymentRunner runner(InMemoryDeploymentRegistry registry, InMemoryDeploymentLocks locks, ObjectProvider<Notifier> notifiers, FakeClock clock,
                                  FakeVersionControl git, Targets targets) {
        Notifier fanOut = event -> {
            notifiers.orderedStream().forEach(n -> n.publish(event));
            clock.advance(Duration.ofMillis(10));
            if (event instanceof DeploymentEvent.StepStarted) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        return new DeploymentRunner(registry, locks, fanOut, clock, new FakeHealthProbe(), git, targets,
                new RunnerSettings("slack-test", Duration.ofSeconds(15), Duration.ofMinutes(30)));
    }

    @Bean ApprovalService approvals(Catalog catalog, InMemoryDeploymentRegistry registry, DeploymentRunner runner, FakeVersionControl git,
                                    AbandonedDeployments abandoned, AuditTrail audit, FakeClock clock) {
        return new ApprovalService(catalog, registry, runner, git, abandoned, audit, clock);
    }

    @Bean DeployService deploys(Catalog catalog, ReleasePlanner planner, DeploymentRunner runner, ApprovalService approvals, InMemoryDeploymentLocks locks,
                                InMemoryDeploymentRegistry registry, AbandonedDeployments abandoned, AuditTrail audit, FakeClock clock) {
        return new DeployService(catalog, planner, runner, approvals, locks, registry, abandoned, audit, clock);
    }

    @Bean RollbackService rollbacks(Catalog catalog, ReleasePlanner planner, InMemoryDeploymentRegistry registry, DeploymentRunner runner, Targets targets,
                                    ApprovalService approvals, AbandonedDeployments abandoned, AuditTrail audit, FakeClock clock) {
        return new RollbackService(catalog, planner, registry, runner, targets, approvals, abandoned, audit, clock);
    }

    @Bean PromoteService promotions(Catalog catalog, ReleasePlanner planner, FakeVersionControl git, DeploymentRunner runner, ApprovalService approvals,
                                    InMemoryDeploymentRegistry registry, AbandonedDeployments abandoned, AuditTrail audit, FakeClock clock,
                                    InMemoryDeploymentLocks locks) {
        return new PromoteService(catalog, planner, git, runner, approvals, registry, abandoned, audit, clock, locks);
    }

    @Bean dev.slipway.application.service.MetricsService metrics(Catalog catalog, InMemoryDeploymentRegistry registry, FakeClock clock) {
        return new dev.slipway.application.service.MetricsService(catalog, registry, clock);
    }

    @Bean HistoryService history(Catalog catalog, InMemoryDeploymentRegistry registry, AbandonedDeployments abandoned) {
        return new HistoryService(catalog, registry, abandoned);
    }

    @Bean StatusService status(Catalog catalog, InMemoryDeploymentRegistry registry, InMemoryDeploymentLocks locks, Targets targets,
                               AbandonedDeployments abandoned, FakeClock clock) {
        return new StatusService(catalog, registry, locks, targets, abandoned, new FakeHealthProbe(), clock);
    }

    @Bean LockService lockService(Catalog catalog, InMemoryDeploymentLocks locks, AuditTrail audit, FakeClock clock) {
        return new LockService(catalog, locks, audit, clock);
    }

    /** Bounded, as bootstrap's: a full queue refuses work instead of piling it up. */
    @Bean(name = "deploymentExecutor", destroyMethod = "shutdownNow") ExecutorService deploymentExecutor() {
        return new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), Thread.ofPlatform().name("deploy-", 0).factory());
    }
}
