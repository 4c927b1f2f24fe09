package dev.slipway.adapter.http;

import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import org.springframework.http.MediaType;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's server-sent events: hears every deployment event of this process (it is a {@link Notifier} bean, so
 * the application's fan-out includes it) and tells open pages which deployment changed. Sending happens on its own
 * thread with a bounded queue, so a slow browser never holds up a deployment; what does not fit is dropped, and the
 * pages' polling catches up (it also shows other replicas' deployments, which this process never hears of).
 */
final class LiveDeployments implements Notifier, SmartLifecycle, AutoCloseable {

    private record Subscriber(SseEmitter emitter, String deployment) {}

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
            runnable -> {
                Thread thread = new Thread(runnable, "slipway-dashboard-events");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private final Duration timeout;
    private volatile boolean running;

    LiveDeployments(Duration timeout) {
        this.timeout = timeout;
    }

    /** A stream of changes; {@code deployment}, when not blank, narrows it to one deployment. */
    SseEmitter subscribe(String deployment) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscriber subscriber = new Subscriber(emitter, deployment == null ? "" : deployment);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(failure -> subscribers.remove(subscriber));
        sender.execute(() -> send(subscriber, "hello", "{}"));
        return emitter;
    }

    @Override
    public void publish(DeploymentEvent event) {
        try {
            Deployment d = event.deployment();
            String data = "{\"id\":\"%s\",\"service\":\"%s\",\"environment\":\"%s\",\"status\":\"%s\"}"
                    .formatted(d.id().value(), d.service(), d.environment(), ApiViews.word(d.status()));
            sender.execute(() -> {
                for (Subscriber subscriber : subscribers) {
                    if (subscriber.deployment().isEmpty() || subscriber.deployment().equals(d.id().value())) send(subscriber, "deployment", data);
                }
            });
        } catch (RuntimeException e) {
            // The port promises never to throw: progress shown late is better than a deployment stopped.
        }
    }

    int subscribers() {
        return subscribers.size();
    }

    private void send(Subscriber subscriber, String name, String data) {
        try {
            subscriber.emitter().send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(subscriber);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream first thing on shutdown: the server's graceful stop waits for open requests, and a
     * dashboard's stream never ends by itself, so it would hold every stop for the whole grace period.
     */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().complete();
            } catch (RuntimeException e) {
                // A stream that cannot be completed is closed with the connection anyway.
            }
        }
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        stop();
        sender.shutdownNow();
    }
}
