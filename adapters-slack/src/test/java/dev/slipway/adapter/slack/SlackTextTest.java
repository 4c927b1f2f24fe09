package dev.slipway.adapter.slack;

import dev.slipway.application.port.in.Refused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTest {

    @Test
    void turnsSlackIdsInARefusalIntoMentions() {
        String text = SlackText.refused(new Refused("role:deploy", "U0CAROL01@T0SLIPWAY (slack) does not hold the deploy role for hello/dev",
                "ask one of S0OPS0001, U0ALICE01, or have slipway.access in slipway.yml grant it to you"));
        assertThat(text).contains("*Refused by role:deploy:* <@U0CAROL01> does not hold the deploy role for hello/dev")
                .contains("ask one of <!subteam^S0OPS0001>, <@U0ALICE01>, or have");
    }

    @Test
    void leavesWordsThatOnlyLookLikeIdsAlone() {
        assertThat(SlackText.words("SUCCEEDED and UPDATED, alice, S3 & <b>")).isEqualTo("SUCCEEDED and UPDATED, alice, S3 &amp; &lt;b&gt;");
    }
}
