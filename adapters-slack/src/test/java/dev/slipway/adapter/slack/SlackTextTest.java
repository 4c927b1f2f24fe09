package dev.slipway.adapter.slack;

import dev.slipway.application.port.in.Refused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTest {

    @Test
    void turnsSlackIdsInARefusalIntoMentions() {
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
}
