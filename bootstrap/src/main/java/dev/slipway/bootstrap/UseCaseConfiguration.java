package dev.slipway.bootstrap;

import dev.slipway.application.port.out.AuditLog;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.Notifier;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.application.service.AbandonedDeployments;
import dev.slipway.application.service.ApprovalService;
import dev.slipway.application.service.AuditTrail;
import dev.slipway.application.service.DeployService;
import dev.slipway.application.service.DeploymentRunner;
import dev.slipway.application.service.Gates;
import dev.slipway.application.service.HistoryService;
import dev.slipway.application.service.MetricsService;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.WeeklyDigest;
import dev.slipway.application.service.DigestService;
import dev.slipway.application.service.LockService;
import dev.slipway.application.service.PromoteService;
import dev.slipway.application.service.ReleasePlanner;
import dev.slipway.application.service.RollbackService;
import dev.slipway.application.service.RunnerSettings;
import dev.slipway.application.service.StatusService;
import dev.slipway.application.service.Targets;
import dev.slipway.domain.environment.Catalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The use cases (inbound ports) built from the application's services over the adapters' outbound ports. Each bean's
 * type is the service class, so a service that plays two roles (deploy and plan) answers for both.
 */
@Configuration(proxyBeanMethods = false)
public class UseCaseConfiguration {

    @Bean
    public AuditTrail auditTrail(AuditLog log, Clock clock) {
        return new AuditTrail(log, clock);
    }

    @Bean
    public AbandonedDeployments abandonedDeployments(DeploymentRegistry registry, DeploymentLocks locks, Clock clock, AuditTrail audit,
                                                     RunnerSettings runner) {
        // A server sweeps everything every half lease (AbandonedSweep); its queries lean on that rather than sweep again.
        return new AbandonedDeployments(registry, locks, clock, audit, runner.lease().dividedBy(2));
    }

    @Bean
    public ReleasePlanner releasePlanner(VersionControl git, DeploymentRegistry registry) {
        return new ReleasePlanner(git, registry);
    }

    @Bean
    public DeploymentRunner deploymentRunner(DeploymentRegistry registry, DeploymentLocks locks, Notifier notifier, Clock clock, HealthProbe probe,
                                             VersionControl git, Targets targets, RunnerSettings settings, Gates gates) {
        return new DeploymentRunner(registry, locks, notifier, clock, probe, git, targets, settings, gates);
    }

    @Bean
    public ApprovalService approvalService(Catalog catalog, DeploymentRegistry registry, DeploymentRunner runner, VersionControl git,
                                           AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        return new ApprovalService(catalog, registry, runner, git, abandoned, audit, clock);
    }

    @Bean
    public DeployService deployService(Catalog catalog, ReleasePlanner planner, DeploymentRunner runner, ApprovalService approvals,
                                       DeploymentLocks locks, DeploymentRegistry registry, AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        return new DeployService(catalog, planner, runner, approvals, locks, registry, abandoned, audit, clock);
    }

    @Bean
    public RollbackService rollbackService(Catalog catalog, ReleasePlanner planner, DeploymentRegistry registry, DeploymentRunner runner, Targets targets,
                                           ApprovalService approvals, AbandonedDeployments abandoned, AuditTrail audit, Clock clock) {
        return new RollbackService(catalog, planner, registry, runner, targets, approvals, abandoned, audit, clock);
    }

    @Bean
    public PromoteService promoteService(Catalog catalog, ReleasePlanner planner, VersionControl git, DeploymentRunner runner, ApprovalService approvals,
                                         DeploymentRegistry registry, AbandonedDeployments abandoned, AuditTrail audit, Clock clock, DeploymentLocks locks) {
        return new PromoteService(catalog, planner, git, runner, approvals, registry, abandoned, audit, clock, locks);
    }

    @Bean
    public HistoryService historyService(Catalog catalog, DeploymentRegistry registry, AbandonedDeployments abandoned) {
        return new HistoryService(catalog, registry, abandoned);
    }

    @Bean
    public DeliveryMetrics deliveryMetrics(Catalog catalog, DeploymentRegistry registry, Clock clock) {
        return new MetricsService(catalog, registry, clock);
    }

    @Bean
    public WeeklyDigest weeklyDigest(DeploymentRegistry registry, DeliveryMetrics metrics, Clock clock) {
        return new DigestService(registry, metrics, clock);
    }

    @Bean
    public StatusService statusService(Catalog catalog, DeploymentRegistry registry, DeploymentLocks locks, Targets targets,
                                       AbandonedDeployments abandoned, HealthProbe probe, Clock clock) {
        return new StatusService(catalog, registry, locks, targets, abandoned, probe, clock);
    }

    @Bean
    public LockService lockService(Catalog catalog, DeploymentLocks locks, AuditTrail audit, Clock clock) {
        return new LockService(catalog, locks, audit, clock);
    }
}
