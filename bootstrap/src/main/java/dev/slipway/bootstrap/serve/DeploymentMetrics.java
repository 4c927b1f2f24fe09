package dev.slipway.bootstrap.serve;

import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Deployment metrics for Prometheus, fed by the notifier fan-out: deployments by outcome, service and environment,
 * how long they took, how long they waited for their environment's lock, and how many wait for a worker.
 */
public final class DeploymentMetrics implements Notifier {

    private final MeterRegistry meters;

    DeploymentMetrics(MeterRegistry meters, ThreadPoolExecutor pool) {
        this.meters = meters;
        Gauge.builder("slipway.deployments.queued", pool, p -> p.getQueue().size())
                .description("Deployments accepted by this server and waiting for a worker").register(meters);
        Gauge.builder("slipway.deployments.active", pool, ThreadPoolExecutor::getActiveCount)
                .description("Deployments this server is running now").register(meters);
    }

    @Override
    public void publish(DeploymentEvent event) {
        switch (event) {
            case DeploymentEvent.DeploymentStarted started -> lockWait(started.deployment());
            case DeploymentEvent.DeploymentFinished finished -> finished(finished.deployment());
            default -> { }
        }
    }

    /** From the request to the moment the deployment held its lock; approvals are not counted as waiting for a lock. */
    private void lockWait(Deployment d) {
        if (d.approval().isPresent()) return;
        // A deployment starts the moment it holds its lock: its last change is that start.
        Duration waited = Duration.between(d.createdAt(), d.updatedAt());
        if (waited.isNegative()) return;
        Timer.builder("slipway.lock.wait").description("Time from a deployment request until it held its environment's lock")
                .tags("service", d.service(), "environment", d.environment()).publishPercentileHistogram()
                .register(meters).record(waited);
    }

    private void finished(Deployment d) {
        String outcome = d.status().name().toLowerCase(Locale.ROOT);
        Counter.builder("slipway.deployments").description("Deployments that ended, by outcome")
                .tags("service", d.service(), "environment", d.environment(), "outcome", outcome, "kind", d.kind().name().toLowerCase(Locale.ROOT))
                .register(meters).increment();
        d.steps().stream().findFirst().map(dev.slipway.domain.deployment.Step::startedAt).ifPresent(start -> Timer.builder("slipway.deployment.duration").description("How long deployments ran, by outcome")
                .tags("service", d.service(), "environment", d.environment(), "outcome", outcome).publishPercentileHistogram()
                .register(meters).record(Duration.between(start, d.finishedAt().orElse(d.updatedAt()))));
    }
}
