package dev.slipway.adapter.slack;

import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTest {

    @Test
    void turnsSlackIdsInARoleRefusalIntoMentions() {
        String text = SlackText.refused(new Refused("role:deploy", "U0CAROL01@T0SLIPWAY (slack) does not hold the deploy role for hello/dev",
                "ask one of S0OPS0001, U0ALICE01, or have slipway.access in slipway.yml grant it to you"));
        assertThat(text).contains(":no_entry: refused by role:deploy: <@U0CAROL01> does not hold the deploy role for hello/dev")
                .contains("*To unblock:* ask one of <!subteam^S0OPS0001>, <@U0ALICE01>, or have");
    }

    @Test
    void saysThePresentersSentenceEscapingWhatItShows() {
        String text = SlackText.refused(new Refused("lock", "alice holds hello/dev (<b>freeze</b> & more)", "wait"));
        assertThat(text).isEqualTo(":no_entry: refused by lock: alice holds hello/dev (&lt;b&gt;freeze&lt;/b&gt; &amp; more)\n*To unblock:* wait");
    }

    @Test
    void leavesWordsThatOnlyLookLikeIdsAlone() {
        assertThat(SlackText.words("SUCCEEDED and UPDATED, alice, S3 & <b>")).isEqualTo("SUCCEEDED and UPDATED, alice, S3 &amp; &lt;b&gt;");
    }

    /** Issue 11, item 2: a lock reason {@code ask S0ONCALL1} came out as a user-group mention. */
    @Test
    void neverTurnsPlainTextIntoAMention() {
        Lock lock = new Lock(new LockKey("hello", "dev"), "operator", "U0ALICE01@T0SLIPWAY (slack)", "ask S0ONCALL1 or U0BOBBY01", Instant.EPOCH,
                Optional.empty(), Optional.empty());

        String locked = SlackText.lock(new LockOutcome.Unlocked(lock));
        String refused = SlackText.refused(new Refused("lock", lock.describe(), "ask S0ONCALL1"));

        assertThat(locked).contains("<@U0ALICE01>: ask S0ONCALL1 or U0BOBBY01").doesNotContain("subteam").doesNotContain("<@U0BOBBY01>");
        assertThat(refused).doesNotContain("<!subteam").doesNotContain("<@");
    }

    /** Issue 11, item 2: a release's log closed the fence and notified the channel with a phishing link. */
    @Test
    void keepsMentionsLinksAndFencesFromDataInert() {
        String log = "ok\n```\n<!channel> <http://evil.example|Slack SSO> <@U0ALICE01> <!subteam^S0OPS0001> <!here>\n```";

        String fenced = SlackText.fenced(log);

        assertThat(fenced).startsWith("```").endsWith("```");
        assertThat(fenced.substring(3, fenced.length() - 3)).doesNotContain("``").doesNotContain("<").doesNotContain(">");
        assertThat(SlackText.escape(log)).contains("&lt;!channel&gt;").contains("&lt;http://evil.example|Slack SSO&gt;");
    }

    @Property(tries = 500)
    void anyTextFromDataStaysInertInsideAndOutsideAFence(@ForAll("hostile") String data) {
        String escaped = SlackText.escape(data);
        String fenced = SlackText.fenced(data);
        assertThat(escaped).doesNotContain("<").doesNotContain(">").doesNotContain("``");
        assertThat(fenced.substring(3, fenced.length() - 3)).doesNotContain("``").doesNotContain("<");
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("<!channel>", "<!here>", "<@U0ALICE01>", "<!subteam^S0OPS0001>", "<http://evil.example|Slack SSO>",
                "```", "``", "`", "&lt;", "&", "\u202E", "\u0000", "\n", "S0ONCALL1", "$(id)", ";");
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                pieces.list().ofMaxSize(20).map(list -> String.join("", list)));
    }

    @Test
    void aBusyWeeksDigestStillFitsOneSlackMessageNamingHowManyReleasesItLeftOut() {
        Instant to = Instant.parse("2026-12-07T09:00:00Z");
        java.util.List<dev.slipway.application.port.in.WeeklyDigest.Shipped> shipped = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            shipped.add(new dev.slipway.application.port.in.WeeklyDigest.Shipped("shop", i < 1000 ? "dev" : "prod", "0.1.%d-dev".formatted(i),
                    "x".repeat(500), java.util.List.of("y".repeat(300)), to));
        }
        String text = SlackText.digest(new dev.slipway.application.port.in.WeeklyDigest.Digest("2026-12-07", to.minusSeconds(7 * 86400), to, shipped,
                new dev.slipway.application.port.in.DeliveryMetrics.MetricsReport(to.minusSeconds(14 * 86400), to, java.util.List.of())));

        assertThat(text.length()).isLessThan(40_000);
        assertThat(text).contains("shop/dev:").contains("shop/prod:").contains("`0.1.9-dev`").doesNotContain("`0.1.10-dev`")
                .contains(" and 990 more;").contains("…");
    }
}
