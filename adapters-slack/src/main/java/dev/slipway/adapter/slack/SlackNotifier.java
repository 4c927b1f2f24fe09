package dev.slipway.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.Notifier;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One live Slack message per deployment: {@code chat.postMessage} once for each copy (the channel that asked, the
 * approvals channel), then {@code chat.update} as the deployment moves, at most once per update interval per message,
 * the latest state winning; a 429 holds that message back for its Retry-After. Long step output goes to the thread.
 * Only deployments a Slack request bound (by the id its request key fixes) are shown; the deployment's thread never
 * waits for Slack: the calls run on this notifier's own thread.
 */
public final class SlackNotifier implements Notifier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int THREAD_CHUNK = 3500;

    private final MethodsClient client;
    private final Clock clock;
    private final long intervalNanos;
    private final ScheduledExecutorService io;
    private final ConcurrentHashMap<DeploymentId, Live> live = new ConcurrentHashMap<>();

    SlackNotifier(MethodsClient client, Clock clock, Duration updateInterval) {
        this.client = client;
        this.clock = clock;
        this.intervalNanos = updateInterval.toNanos();
        this.io = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("slack-messages").daemon(true).factory());
    }

    /**
     * Binds a deployment that is about to start to a new message in {@code channel}; {@code trouble}, when given, hears
     * why the message cannot be posted (the bot is not in the channel). False when the id is already bound: a repeated
     * request, whose own message must not replace the first one's.
     */
    boolean watch(DeploymentId id, String channel, Consumer<String> trouble) {
        Live fresh = new Live(id, trouble);
        fresh.copies.add(new Copy(channel, null));
        return live.putIfAbsent(id, fresh) == null;
    }

    /** Shows the deployment in one more channel too (the approvals channel); every copy then updates together. */
    void alsoIn(DeploymentId id, String channel) {
        Live m = live.get(id);
        if (m == null) return;
        synchronized (m) {
            if (m.copies.stream().noneMatch(c -> c.channel.equals(channel))) m.copies.add(new Copy(channel, null));
        }
        schedule(m);
    }

    /** Binds an existing message (a button was pressed on it) to its deployment, so that it updates with the rest. */
    void adopt(DeploymentId id, String channel, String ts) {
        if (channel == null || ts == null) return;
        Live m = live.computeIfAbsent(id, key -> new Live(key, null));
        synchronized (m) {
            if (m.copies.stream().noneMatch(c -> ts.equals(c.ts) || c.ts == null && c.channel.equals(channel))) m.copies.add(new Copy(channel, ts));
        }
    }

    /** Drops a binding whose deployment never came to exist (refused, invalid); a shown one stays. */
    void forget(DeploymentId id) {
        live.computeIfPresent(id, (key, m) -> {
            synchronized (m) {
                return m.latest == null ? null : m;
            }
        });
    }

    /** Shows a deployment as a use case answered it (an approval request, a rejection), as an event would. */
    void show(Deployment deployment) {
        Live m = live.get(deployment.id());
        if (m == null) return;
        synchronized (m) {
            if (m.latest != null && deployment.updatedAt().isBefore(m.latest.updatedAt())) return;
            m.latest = deployment;
            m.version++;
        }
        schedule(m);
    }

    @Override
    public void publish(DeploymentEvent event) {
        try {
            Live m = live.get(event.deployment().id());
            if (m == null) return;
            switch (event) {
                case DeploymentEvent.StepFinished finished -> thread(m, finished.step());
                case DeploymentEvent.DeploymentFinished finished -> finished.deployment().failure()
                        .filter(DeploymentMessage::isLong).ifPresent(why -> replyFenced(m, "*Why it failed:*", why));
                case DeploymentEvent.DeploymentStarted ignored -> { }
                case DeploymentEvent.StepStarted ignored -> { }
                case DeploymentEvent.StepProgressed ignored -> { }
            }
            show(event.deployment());
        } catch (RuntimeException e) {
            // The Notifier contract: a front end that cannot show progress never stops a deployment.
            log.warn("could not show deployment {} in Slack: {}", event.deployment().id(), e.toString());
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }

    // ---- the thread of a message: long output ----

    private void thread(Live m, Step step) {
        if (!DeploymentMessage.isLong(step.detail())) return;
        synchronized (m) {
            if (!m.threaded.add(step.name() + "@" + step.startedAt())) return;
        }
        replyFenced(m, "*%s* %s:".formatted(SlackText.escape(step.name()), SlackText.status(step.status())), step.detail());
    }

    /**
     * Long output in the thread: escaped ({@link SlackText#escape}) and cut into replies that each open and close their
     * own code fence, so that neither the data nor a cut can leave a fence open or make a mention or a link.
     */
    private void replyFenced(Live m, String heading, String output) {
        String text = output == null ? "" : output.strip();
        int chunk = THREAD_CHUNK - heading.length() - 16;
        synchronized (m) {
            for (int from = 0; from < text.length() || from == 0; from += chunk) {
                String part = text.substring(from, Math.min(text.length(), from + chunk));
                m.replies.add((from == 0 ? heading + "\n" : "") + SlackText.fenced(part));
                if (text.isEmpty()) break;
            }
        }
        schedule(m);
    }

    // ---- coalescing ----

    private void schedule(Live m) {
        long delay;
        synchronized (m) {
            if (m.scheduled) return;
            m.scheduled = true;
            delay = Math.max(0, m.notBefore - System.nanoTime());
        }
        try {
            io.schedule(() -> flush(m), delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // Shutting down: nothing more is sent.
        }
    }

    private void flush(Live m) {
        Deployment snapshot;
        long version;
        List<Copy> copies;
        long early;
        synchronized (m) {
            // A flush scheduled while the previous one was still waiting for Slack may come due before a Retry-After
            // that answer set: it waits for the rest of the pause, staying the one scheduled flush meanwhile.
            early = m.notBefore - System.nanoTime();
            if (early <= 0) m.scheduled = false;
            snapshot = m.latest;
            version = m.version;
            copies = new ArrayList<>(m.copies);
        }
        if (early > 0) {
            try {
                io.schedule(() -> flush(m), early, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // Shutting down: nothing more is sent.
            }
            return;
        }
        try {
            if (snapshot != null) {
                DeploymentMessage message = DeploymentMessage.of(snapshot, clock.now());
                for (Copy copy : copies) {
                    if (copy.dead || copy.sent == version) continue;
                    send(m, copy, message);
                    copy.sent = version;
                }
                Optional<Copy> origin = copies.stream().filter(c -> c.ts != null && !c.dead).findFirst();
                while (origin.isPresent()) {
                    String text;
                    synchronized (m) {
                        text = m.replies.peek();
                    }
                    if (text == null) break;
                    Copy parent = origin.get();
                    check("chat.postMessage", client.chatPostMessage(r -> r.channel(parent.channel).threadTs(parent.ts).text(text).mrkdwn(true)));
                    synchronized (m) {
                        m.replies.poll();
                    }
                }
            }
            m.attempts = 0;
            after(m, intervalNanos);
        } catch (SlackApiException e) {
            if (e.getResponse() != null && e.getResponse().code() == 429) {
                long seconds = retryAfter(e.getResponse().header("Retry-After"));
                log.info("Slack rate-limited the message of deployment {}: next update in {}s (Retry-After)", m.id, seconds);
                after(m, Math.max(intervalNanos, TimeUnit.SECONDS.toNanos(seconds)));
            } else {
                retryLater(m, "HTTP " + (e.getResponse() == null ? "?" : e.getResponse().code()));
            }
        } catch (IOException | RuntimeException e) {
            retryLater(m, e.toString());
        }
    }

    private void send(Live m, Copy copy, DeploymentMessage message) throws IOException, SlackApiException {
        if (copy.ts == null) {
            ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel(copy.channel).text(message.text()).blocks(message.blocks()));
            if (!posted.isOk()) {
                refusedBySlack(m, copy, "chat.postMessage", posted);
                return;
            }
            copy.ts = posted.getTs();
            if (posted.getChannel() != null) copy.channel = posted.getChannel();
        } else {
            SlackApiTextResponse updated = client.chatUpdate(r -> r.channel(copy.channel).ts(copy.ts).text(message.text()).blocks(message.blocks()));
            if (!updated.isOk()) refusedBySlack(m, copy, "chat.update", updated);
        }
    }

    /** Slack answered, and said no (not_in_channel, channel_not_found...): retrying would not help, so the copy stops. */
    private void refusedBySlack(Live m, Copy copy, String method, SlackApiTextResponse response) {
        if ("ratelimited".equals(response.getError())) throw new IllegalStateException("rate limited without a 429");
        copy.dead = true;
        log.warn("Slack refused {} for deployment {} in {}: {}", method, m.id, copy.channel, response.getError());
        if (m.trouble != null) {
            m.trouble.accept(":warning: Slipway cannot post deployment `%s` in this channel (Slack says `%s`)%s".formatted(m.id, response.getError(),
                    "not_in_channel".equals(response.getError()) ? ": invite the Slipway app to the channel, or follow it with `/deployments`" : ""));
        }
    }

    private static void check(String method, SlackApiTextResponse response) {
        if (!response.isOk()) log.warn("Slack refused {}: {}", method, response.getError());
    }

    private void retryLater(Live m, String why) {
        m.attempts++;
        if (m.attempts > MAX_ATTEMPTS) {
            log.warn("giving up on the Slack message of deployment {} after {} attempts: {}", m.id, MAX_ATTEMPTS, why);
            synchronized (m) {
                m.copies.forEach(c -> c.sent = m.version);
                m.replies.clear();
            }
            m.attempts = 0;
            after(m, intervalNanos);
            return;
        }
        log.info("Slack call for deployment {} failed ({}); trying again", m.id, why);
        after(m, Math.max(intervalNanos, TimeUnit.SECONDS.toNanos(m.attempts)));
    }

    /** Sets when the message may next be sent; schedules again if something changed meanwhile, or drops a finished one. */
    private void after(Live m, long pauseNanos) {
        boolean more;
        synchronized (m) {
            m.notBefore = System.nanoTime() + pauseNanos;
            more = m.latest != null && (!m.replies.isEmpty() || m.copies.stream().anyMatch(c -> !c.dead && c.sent != m.version));
            if (!more && m.latest != null && !m.latest.isActive()) live.remove(m.id, m);
        }
        if (more) schedule(m);
    }

    static long retryAfter(String header) {
        try {
            return header == null ? 1 : Math.max(1, Math.min(600, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Whether a deployment is bound to a message (tests and the approval flow ask). */
    boolean watching(DeploymentId id) {
        return live.containsKey(id);
    }

    private static final class Live {
        final DeploymentId id;
        final Consumer<String> trouble;
        final List<Copy> copies = new ArrayList<>();
        final Queue<String> replies = new ArrayDeque<>();
        final Set<String> threaded = new HashSet<>();
        Deployment latest;
        long version;
        boolean scheduled;
        long notBefore = System.nanoTime();
        int attempts;

        Live(DeploymentId id, Consumer<String> trouble) {
            this.id = id;
            this.trouble = trouble;
        }
    }

    /** One copy of the message: where it is, its timestamp once posted, the version it shows. */
    private static final class Copy {
        volatile String channel;
        volatile String ts;
        volatile long sent = -1;
        volatile boolean dead;

        Copy(String channel, String ts) {
            this.channel = channel;
            this.ts = ts;
        }
    }
}
