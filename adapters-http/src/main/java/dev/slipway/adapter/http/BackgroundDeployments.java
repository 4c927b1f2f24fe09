package dev.slipway.adapter.http;

import dev.slipway.application.port.in.DeploymentOutcome;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs deployment use cases on the application's bounded deployment executor, never on the request thread, and waits a
 * moment for the outcome: refusals and bad input arrive within it and are answered directly; a deployment still
 * running is followed through its id.
 */
final class BackgroundDeployments {

    /** What became of a submitted use case within the short wait. */
    sealed interface Submission {
        record Finished(DeploymentOutcome outcome) implements Submission {}

        record StillRunning() implements Submission {}

        record QueueFull() implements Submission {}
    }

    private final ExecutorService executor;
    private final Duration wait;

    BackgroundDeployments(ExecutorService executor, Duration wait) {
        this.executor = executor;
        this.wait = wait;
    }

    Submission submit(Supplier<DeploymentOutcome> useCase) {
        Future<DeploymentOutcome> future;
        try {
            future = executor.submit(useCase::get);
        } catch (RejectedExecutionException e) {
            return new Submission.QueueFull();
        }
        try {
            return new Submission.Finished(future.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Submission.StillRunning();
        } catch (InterruptedException e) {
            // The request thread is going away; the deployment goes on in the background regardless.
            Thread.currentThread().interrupt();
            return new Submission.StillRunning();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("the deployment stopped unexpectedly", e.getCause());
        }
    }
}
