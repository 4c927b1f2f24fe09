package dev.slipway.bootstrap;

import dev.slipway.bootstrap.configuration.ConfigurationProblem;
import dev.slipway.bootstrap.configuration.ConfigurationProblem.Problem;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code slipway serve} needs beyond slipway.yml itself, checked before anything starts so that a missing secret
 * or a misspelt mode is one clear configuration problem (exit 2) rather than a failure deep inside an adapter: the
 * Slack mode and secrets, the webhook secret, and each API token's variable. Secrets are named, never shown.
 */
final class ServeSettings {

    private ServeSettings() {
    }

    static void check(Environment environment) {
        List<Problem> problems = new ArrayList<>();
        if (environment.getProperty("slipway.slack.enabled", Boolean.class, false)) {
            String mode = environment.getProperty("slipway.slack.mode", "http").strip().toLowerCase(Locale.ROOT);
            if (!mode.equals("http") && !mode.equals("socket")) {
                problems.add(new Problem("slipway.slack.mode", "'%s' is not a mode; use http (Slack calls /slack/events) or socket (Socket Mode, behind a firewall)".formatted(mode)));
            }
            if (blank(environment.getProperty("slipway.slack.team-id"))) {
                problems.add(new Problem("slipway.slack.team-id", "is required with Slack enabled: the workspace id (T...) whose requests are accepted"));
            }
            requireVariable(environment, problems, "slipway.slack.enabled", "SLACK_BOT_TOKEN", "the bot token (xoxb-...)");
            if (mode.equals("socket")) {
                requireVariable(environment, problems, "slipway.slack.mode", "SLACK_APP_TOKEN", "an app-level token (xapp-...) with connections:write");
            } else {
                requireVariable(environment, problems, "slipway.slack.enabled", "SLACK_SIGNING_SECRET", "the app's signing secret");
            }
        }
        if (environment.getProperty("slipway.webhooks.github.enabled", Boolean.class, false)) {
            requireVariable(environment, problems, "slipway.webhooks.github.enabled", "GITHUB_WEBHOOK_SECRET", "the webhook's secret");
        }
        for (int i = 0; environment.containsProperty("slipway.api.tokens[%d].actor".formatted(i)); i++) {
            String variable = environment.getProperty("slipway.api.tokens[%d].env".formatted(i));
            if (variable != null && variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                requireVariable(environment, problems, "slipway.api.tokens[%d].env".formatted(i), variable,
                        "the token of %s".formatted(environment.getProperty("slipway.api.tokens[%d].actor".formatted(i))));
            }
        }
        if (!problems.isEmpty()) throw new ConfigurationProblem(problems);
    }

    private static void requireVariable(Environment environment, List<Problem> problems, String key, String variable, String what) {
        if (blank(environment.getProperty(variable))) {
            problems.add(new Problem(key, "needs the environment variable %s, which is not set: it must hold %s".formatted(variable, what)));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
