package dev.slipway.adapter.slack;

import org.springframework.core.env.Environment;

/**
 * The Slack credentials, read from the environment only: the bot token, the signing secret (HTTP mode) and the
 * app-level token (Socket Mode). {@code signingSecret} is null in Socket Mode, {@code appToken} in HTTP mode.
 */
public record SlackSecrets(String botToken, String signingSecret, String appToken) {

    static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    static final String APP_TOKEN = "SLACK_APP_TOKEN";

    /** Fails naming the missing variable, never showing a value. */
    static SlackSecrets from(Environment environment, SlackSettings settings) {
        String bot = required(environment, BOT_TOKEN, "the bot token (xoxb-...) from the Slack app's OAuth & Permissions page");
        if (settings.socketMode()) {
            return new SlackSecrets(bot, null, required(environment, APP_TOKEN, "an app-level token (xapp-...) with connections:write, for Socket Mode"));
        }
        return new SlackSecrets(bot, required(environment, SIGNING_SECRET, "the signing secret from the Slack app's Basic Information page"), null);
    }

    private static String required(Environment environment, String name, String what) {
        String value = environment.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Slack is enabled (slipway.slack.enabled) but the environment variable %s is not set: it must hold %s"
                    .formatted(name, what));
        }
        return value.strip();
    }

    /** Never shows a secret, even in a debugger's or a log's rendering of this record. */
    @Override
    public String toString() {
        return "SlackSecrets[botToken=***, signingSecret=%s, appToken=%s]".formatted(signingSecret == null ? "none" : "***", appToken == null ? "none" : "***");
    }
}
