package dev.slipway.adapter.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.Keys;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.Week;
import dev.slipway.application.port.in.WeeklyDigest;
import dev.slipway.application.port.in.WeeklyDigest.Digest;
import dev.slipway.application.port.in.WeeklyDigest.DigestOutcome;
import dev.slipway.application.port.in.WeeklyDigest.Shipped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The weekly digest posted to its channel through the Slack Web API (WireMock standing in), once a week, on Mondays from 09:00 UTC. */
class SlackDigestIT {

    static final Instant MONDAY = Instant.parse("2026-12-07T09:30:00Z");

    final WireMockServer slackApi = new WireMockServer(options().dynamicPort());
    final FakeClock clock = new FakeClock(MONDAY);
    final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void stop() {
        slackApi.stop();
    }

    @Test
    void postsWhatShippedAndTheKeysAgainstTheWeekBeforeToTheDigestChannelOnce() {
        slackApi.start();
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"C0DIGEST\",\"ts\":\"1.2\"}")));
        SlackDigest poster = poster(onceAWeek());

        assertThat(poster.sendIfDue()).isTrue();
        assertThat(poster.sendIfDue()).as("the week is claimed").isFalse();

        var posts = slackApi.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(posts).hasSize(1);
        String body = URLDecoder.decode(posts.getFirst().getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(body).contains("channel=C0DIGEST").contains("Weekly digest").contains("shop/prod").contains("`v0.2.0`")
                .contains("Faster checkout (Ada Lovelace, Bob)").contains("deploys 2 (was 1, +1)").contains("lead time 19h00m (was 30h00m)")
                .contains("change failure rate 50% (1 of 2) (was 0% (0 of 1))").contains("Next:");
    }

    @Test
    void waitsForMondayMorning() {
        clock.advance(Duration.ofDays(-1));
        SlackDigest poster = poster(onceAWeek());

        assertThat(poster.due()).as("Sunday").isFalse();
        assertThat(poster.sendIfDue()).isFalse();
        assertThat(asked).hasValue(0);
        clock.advance(Duration.ofHours(23).plusMinutes(29));
        assertThat(poster.due()).as("Monday 08:59").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(poster.due()).as("Monday 09:00").isTrue();
    }

    private SlackDigest poster(WeeklyDigest digest) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix((slackApi.isRunning() ? slackApi.baseUrl() : "http://127.0.0.1:9") + "/api/");
        return new SlackDigest(digest, Slack.getInstance(config).methods("xoxb-test"), "C0DIGEST", clock);
    }

    /** A core that hands the digest to the first caller of the week only, as the real one does through the registry. */
    private WeeklyDigest onceAWeek() {
        return () -> asked.getAndIncrement() == 0 ? new DigestOutcome.Due(digest()) : new DigestOutcome.AlreadySent("2026-12-07");
    }

    private static Digest digest() {
        Instant to = MONDAY;
        Instant middle = to.minus(Duration.ofDays(7));
        Instant from = to.minus(Duration.ofDays(14));
        Keys before = new Keys(1, 1 / 7.0, 1, 1, Optional.of(Duration.ofHours(30)), Optional.of(Duration.ofHours(30)), 1, 0, Optional.of(0.0),
                0, 0, Optional.empty());
        Keys now = new Keys(2, 2 / 7.0, 2, 3, Optional.of(Duration.ofHours(19)), Optional.of(Duration.ofHours(39)), 2, 1, Optional.of(0.5),
                1, 0, Optional.of(Duration.ofMinutes(90)));
        EnvironmentMetrics prod = new EnvironmentMetrics("shop", "prod", true, now, List.of(new Week(from, middle, before), new Week(middle, to, now)));
        return new Digest("2026-12-07", middle, to, List.of(new Shipped("shop", "prod", "v0.2.0", "Faster checkout", List.of("Ada Lovelace", "Bob"),
                to.minus(Duration.ofDays(1)))), new MetricsReport(from, to, List.of(prod)));
    }
}
