package dev.slipway.bootstrap.serve;

import dev.slipway.application.service.AbandonedDeployments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sweeps every environment for abandoned deployments at half the lock lease, so that when another replica (or a CLI
 * run) dies mid-deployment this server reports it INTERRUPTED and frees its lock without waiting for someone to ask.
 */
public final class AbandonedSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AbandonedSweep.class);

    private final AbandonedDeployments abandoned;
    private final Duration every;
    private ScheduledExecutorService timer;

    AbandonedSweep(AbandonedDeployments abandoned, Duration lease) {
        this.abandoned = abandoned;
        this.every = lease.dividedBy(2).compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : lease.dividedBy(2);
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "slipway-sweep");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            abandoned.sweep(null, null).forEach(d -> log.warn("deployment {} of {}/{} is now {}: {}", d.id(), d.service(), d.environment(), d.status(),
                    d.failure().orElse("")));
        } catch (RuntimeException e) {
            // The registry may be briefly unreachable; the next sweep tries again, and a failure must not stop the timer.
            log.warn("could not sweep for abandoned deployments: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
