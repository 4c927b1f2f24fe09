package dev.slipway.adapter.slack;

import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.webhook.WebhookResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers whoever typed a command or pressed a button through the request's {@code response_url}: ephemeral (only
 * they see it) for refusals and queries, in the channel for what the team should know (a freeze).
 */
final class SlackReplies {

    private static final Logger log = LoggerFactory.getLogger(SlackReplies.class);

    private final Slack slack;

    SlackReplies(Slack slack) {
        this.slack = slack;
    }

    void ephemeral(String responseUrl, String text) {
        send(responseUrl, text, "ephemeral");
    }

    void inChannel(String responseUrl, String text) {
        send(responseUrl, text, "in_channel");
    }

    private void send(String responseUrl, String text, String type) {
        if (responseUrl == null || responseUrl.isBlank()) return;
        JsonObject payload = new JsonObject();
        payload.addProperty("response_type", type);
        payload.addProperty("replace_original", false);
        payload.addProperty("text", DeploymentMessage.cut(text, 3900));
        try {
            WebhookResponse response = slack.send(responseUrl, payload.toString());
            if (response.getCode() != 200) log.warn("Slack refused a reply through response_url: HTTP {} {}", response.getCode(), response.getBody());
        } catch (Exception e) {
            log.warn("could not reply through Slack's response_url: {}", e.toString());
        }
    }
}
