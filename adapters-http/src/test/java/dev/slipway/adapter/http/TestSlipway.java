package dev.slipway.adapter.http;

import dev.slipway.application.fakes.FakeDeploymentTarget;
import dev.slipway.application.fakes.FakeHealthProbe;
import dev.slipway.application.fakes.FakeVersionControl;
import dev.slipway.application.fakes.InMemoryAuditLog;
import dev.slipway.application.fakes.InMemoryDeploymentLocks;
import dev.slipway.application.fakes.InMemoryDeploymentRegistry;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.ReleaseSource;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.application.service.AbandonedDeployments;
import dev.slipway.application.service.ApprovalService;
import dev.slipway.application.service.AuditTrail;
import dev.slipway.application.service.DeployService;
import dev.slipway.application.service.DeploymentRunner;
import dev.slipway.application.service.HistoryService;
import dev.slipway.application.service.LockService;
import dev.slipway.application.service.MetricsService;
import dev.slipway.application.service.PromoteService;
import dev.slipway.application.service.ReleasePlanner;
import dev.slipway.application.service.RollbackService;
import dev.slipway.application.service.RunnerSettings;
import dev.slipway.application.service.StatusService;
import dev.slipway.application.service.Targets;
import dev.slipway.domain.access.AccessRules;
import dev.slipway.domain.access.Grant;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.environment.Trigger;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real core services over the application's fakes, plus {@link WebConfiguration}, as {@code slipway serve} wires
 * them. Three services, each in its own in-memory git repository on branch {@code dev}: {@code hello} (GitHub
 * acme/hello; dev deploys pushed tags), {@code shop} (acme/shop; dev deploys pushes) and {@code web} (for the dashboard: dev,
 * and prod, which alice approves).
 * API actors: alice holds every role, bob may only deploy to dev.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebConfiguration.class)
class TestSlipway {

    static final String ALICE_TOKEN = "alice-token-0123456789abcdef";
    static final String BOB_TOKEN = "bob-token-0123456789abcdef";
    static final String WEBHOOK_SECRET = "It's a Secret to Everybody";

    /** What tests reach into: git, the registry, and a gate that holds roll-outs while it is closed. */
    static final class World {
        final FakeVersionControl git = new FakeVersionControl();
        final FakeHealthProbe probe = new FakeHealthProbe();
        final GatedTarget target = new GatedTarget(new FakeDeploymentTarget(probe));
        final InMemoryDeploymentRegistry registry = new InMemoryDeploymentRegistry();
        final Map<String, SourceRepository> repositories;

        World() {
            repositories = Map.of(
                    "hello", repository("hello", "acme/hello"),
                    "shop", repository("shop", "acme/shop"),
                    "web", repository("web", null));
        }

        private SourceRepository repository(String name, String hostedAs) {
            SourceRepository memory = git.newRepository(name);
            git.commit(memory, "dev", Map.of("app.py", "print('" + name + "')"), "Start " + name, "dana");
            git.checkout(memory, "dev");
            return new SourceRepository(memory.location(), Optional.ofNullable(hostedAs));
        }

        void commit(String service, String subject) {
            git.commit(repositories.get(service), "dev", Map.of("app.py", "print('" + subject + "')"), subject, "dana");
        }
    }

    /** The fake target, except that a roll-out waits while the gate is closed: a deployment a test can watch running. */
    static final class GatedTarget implements DeploymentTarget {
        private final FakeDeploymentTarget fake;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedTarget(FakeDeploymentTarget fake) {
            this.fake = fake;
        }

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public String type() {
            return fake.type();
        }

        @Override
        public List<String> validate(Service service, Environment environment) {
            return fake.validate(service, environment);
        }

        @Override
        public String prepare(Service service, Environment environment, Release release, ReleaseSource source, StepContext step) {
            return fake.prepare(service, environment, release, source, step);
        }

        @Override
        public Rollout rollOut(Service service, Environment environment, Release release, Optional<Release> current, StepContext step) {
            step.report("waiting for the gate", 0.1);
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) return Rollout.failed("the gate never opened", true, List.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Rollout.failed("interrupted", true, List.of());
            }
            return fake.rollOut(service, environment, release, current, step);
        }

        @Override
        public boolean canRestore(Service service, Environment environment, Release release) {
            return fake.canRestore(service, environment, release);
        }

        @Override
        public Optional<Running> running(Service service, Environment environment) {
            return fake.running(service, environment);
        }
    }

    /** The system's time: the dashboard shows real dates and the deployment lease runs in real time. */
    static final class SystemClock implements Clock {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration);
        }
    }

    @Bean
    World world() {
        return new World();
    }

    @Bean
    Clock clock() {
        return new SystemClock();
    }

    @Bean
    Catalog catalog(World world) {
        HealthCheck health = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ofMillis(1), Optional.empty());
        TargetSpec fake = new TargetSpec("fake", Map.of());
        Environment tagged = new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.empty(), false, Trigger.TAG);
        Environment pushed = new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.empty(), false, Trigger.PUSH);
        Environment manual = new Environment("dev", BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), fake, health, ApprovalRule.NONE,
                RollbackPolicy.AUTOMATIC, Optional.empty(), false, Trigger.MANUAL);
        AccessRules access = new AccessRules(List.of(
                new Grant(Set.of("alice"), EnumSet.allOf(Role.class), Set.of(), Set.of()),
                new Grant(Set.of("bob"), Set.of(Role.DEPLOY), Set.of(), Set.of("dev"))));
        return new Catalog(List.of(
                Service.of("hello", world.repositories.get("hello"), List.of(tagged)),
                Service.of("shop", world.repositories.get("shop"), List.of(pushed)),
                Service.of("web", world.repositories.get("web"), List.of(manual, webProd(health, fake)))), access);
    }

    /** web's production: promoted from dev, deployed from the same branch, waiting for alice's approval. */
    static Environment webProd(HealthCheck health, TargetSpec target) {
        return new Environment("prod", BranchPolicy.of("dev"), TagPattern.of("v{version}"), target, health,
                ApprovalRule.required(Set.of("alice"), Duration.ofHours(1)), RollbackPolicy.AUTOMATIC, Optional.of("dev"), false, Trigger.MANUAL, true);
    }

    @Bean(name = "deploymentExecutor", destroyMethod = "shutdownNow")
    ExecutorService deploymentExecutor() {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(8));
    }

    @Bean
    InMemoryDeploymentLocks locks(Clock clock) {
        return new InMemoryDeploymentLocks(clock);
    }

    @Bean
    AuditTrail auditTrail(Clock clock) {
        return new AuditTrail(new InMemoryAuditLog(), clock);
    }

    @Bean
    AbandonedDeployments abandoned(World world, InMemoryDeploymentLocks locks, Clock clock, AuditTrail audit) {
        return new AbandonedDeployments(world.registry, locks, clock, audit);
    }

    @Bean
    ReleasePlanner planner(World world) {
        return new ReleasePlanner(world.git, world.registry);
    }

    @Bean
    Targets targets(World world) {
        return new Targets(List.of(world.target));
    }

    @Bean
    DeploymentRunner runner(World world, InMemoryDeploymentLocks locks, LiveDeployments live, Clock clock, Targets targets) {
        return new DeploymentRunner(world.registry, locks, live, clock, world.probe, world.git, targets,
                new RunnerSettings("web-test", Duration.ofSeconds(15), Duration.ofMinutes(5)));
    }

    @Bean
    ApprovalService approvalService(Catalog catalog, World world, DeploymentRunner runner, AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        return new ApprovalService(catalog, world.registry, runner, world.git, abandoned, audit, clock);
    }

    @Bean
    DeployService deployService(Catalog catalog, ReleasePlanner planner, DeploymentRunner runner, ApprovalService approvals, InMemoryDeploymentLocks locks,
                                World world, AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        return new DeployService(catalog, planner, runner, approvals, locks, world.registry, abandoned, audit, clock);
    }

    @Bean
    RollbackService rollbackService(Catalog catalog, ReleasePlanner planner, World world, DeploymentRunner runner, Targets targets, ApprovalService approvals,
                                    AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        return new RollbackService(catalog, planner, world.registry, runner, targets, approvals, abandoned, audit, clock);
    }

    @Bean
    PromoteService promoteService(Catalog catalog, ReleasePlanner planner, World world, DeploymentRunner runner, ApprovalService approvals,
                                  AbandonedDeployments abandoned, AuditTrail audit, Clock clock, InMemoryDeploymentLocks locks) {
        return new PromoteService(catalog, planner, world.git, runner, approvals, world.registry, abandoned, audit, clock, locks);
    }

    @Bean
    HistoryService historyService(Catalog catalog, World world, AbandonedDeployments abandoned) {
        return new HistoryService(catalog, world.registry, abandoned);
    }

    @Bean
    StatusService statusService(Catalog catalog, World world, InMemoryDeploymentLocks locks, Targets targets, AbandonedDeployments abandoned, Clock clock) {
        return new StatusService(catalog, world.registry, locks, targets, abandoned, world.probe, clock);
    }

    @Bean
    MetricsService metricsService(Catalog catalog, World world, Clock clock) {
        return new MetricsService(catalog, world.registry, clock);
    }

    @Bean
    LockService lockService(Catalog catalog, InMemoryDeploymentLocks locks, AuditTrail audit, Clock clock) {
        return new LockService(catalog, locks, audit, clock);
    }
}
