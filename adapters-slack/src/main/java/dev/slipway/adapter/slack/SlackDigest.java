package dev.slipway.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.slipway.application.port.in.WeeklyDigest;
import dev.slipway.application.port.in.WeeklyDigest.DigestOutcome;
import dev.slipway.application.port.out.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts the weekly digest to {@code slipway.slack.digest-channel} on Mondays from 09:00 UTC: every hour it asks the core,
 * which answers the digest only to the first replica of the week. A post Slack refuses is logged; the next week tries anew.
 */
final class SlackDigest implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackDigest.class);
    static final LocalTime SENT_FROM = LocalTime.of(9, 0);

    private final WeeklyDigest digest;
    private final MethodsClient client;
    private final String channel;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("slack-digest").factory());

    SlackDigest(WeeklyDigest digest, MethodsClient client, String channel, Clock clock) {
        this.digest = digest;
        this.client = client;
        this.channel = channel;
        this.clock = clock;
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::sendIfDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether it is a Monday (UTC) from 09:00: the digest's time, so that it shows the week that just ended. */
    boolean due() {
        ZonedDateTime now = clock.now().atZone(ZoneOffset.UTC);
        return now.getDayOfWeek() == DayOfWeek.MONDAY && !now.toLocalTime().isBefore(SENT_FROM);
    }

    /** Sends the week's digest when it is due and nobody sent it yet; true when this call posted it. */
    boolean sendIfDue() {
        try {
            if (!due()) return false;
            return switch (digest.weekly()) {
                case DigestOutcome.AlreadySent a -> false;
                case DigestOutcome.Due d -> post(d.digest());
            };
        } catch (RuntimeException e) {
            log.warn("the weekly digest was not sent: {}", e.getMessage());
            return false;
        }
    }

    private boolean post(WeeklyDigest.Digest d) {
        String text = SlackText.digest(d);
        try {
            ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel(channel).text(text).mrkdwn(true));
            if (!posted.isOk()) {
                log.warn("Slack refused the weekly digest of {} for channel {}: {}", d.week(), channel, posted.getError());
                return false;
            }
            return true;
        } catch (Exception e) {
            log.warn("the weekly digest of {} could not reach Slack: {}", d.week(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
