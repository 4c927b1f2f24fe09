package dev.slipway.bootstrap.serve;

import dev.slipway.application.service.AbandonedDeployments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads deployments run on in {@code slipway serve}, and how they end: on stop the pool takes no more work, the
 * running deployments get {@code grace} to finish, and those still running after it are marked INTERRUPTED with their
 * locks freed, so that another replica (or the next start) can go on at once instead of waiting for their lease.
 */
public final class DeploymentWorkers implements SmartLifecycle {

    /** The bean name front ends ask for with {@code @Qualifier}. */
    public static final String EXECUTOR = "deploymentExecutor";

    private static final Logger log = LoggerFactory.getLogger(DeploymentWorkers.class);

    private final ThreadPoolExecutor pool;
    private final AbandonedDeployments abandoned;
    private final String owner;
    private final Duration grace;
    private volatile boolean running;

    DeploymentWorkers(ThreadPoolExecutor pool, AbandonedDeployments abandoned, String owner, Duration grace) {
        this.pool = pool;
        this.abandoned = abandoned;
        this.owner = owner;
        this.grace = grace;
    }

    /** {@code workers} threads, at most {@code queue} deployments waiting; more are refused with a RejectedExecutionException. */
    static ThreadPoolExecutor pool(int workers, int queue) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "slipway-deploy-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
        return new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, waiting, threads, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        pool.shutdown();
        int busy = pool.getActiveCount() + pool.getQueue().size();
        if (busy > 0) log.info("waiting up to {} for {} deployment(s) to finish before stopping", grace, busy);
        try {
            if (pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var dropped = pool.shutdownNow();
        var left = abandoned.leave(owner, "the server stopped (after waiting %s) before the deployment finished".formatted(grace));
        log.warn("stopped with {} deployment(s) unfinished, marked INTERRUPTED: {}; {} waiting request(s) dropped",
                left.size(), left.stream().map(d -> d.id().value()).toList(), dropped.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the database pool, while the registry can still be written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
