package dev.slipway.adapter.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code slipway.slack} settings. {@code enterpriseId}, {@code approvalsChannel} and {@code digestChannel} may be null (not configured);
 * secrets are never here: they come from the environment through {@link SlackSecrets}.
 */
@ConfigurationProperties(prefix = "slipway.slack")
public record SlackSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http") String mode,
        String teamId,
        String enterpriseId,
        @DefaultValue("https://slack.com/api/") String apiUrl,
        @DefaultValue("1s") Duration updateInterval,
        String approvalsChannel,
        @DefaultValue("5m") Duration groupRefresh,
        String digestChannel) {

    public SlackSettings {
        mode = mode == null ? "http" : mode.strip().toLowerCase(Locale.ROOT);
        teamId = blankToNull(teamId);
        enterpriseId = blankToNull(enterpriseId);
        approvalsChannel = blankToNull(approvalsChannel);
        digestChannel = blankToNull(digestChannel);
        apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://slack.com/api/" : apiUrl.strip();
        if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
        updateInterval = updateInterval == null ? Duration.ofSeconds(1) : updateInterval;
        groupRefresh = groupRefresh == null ? Duration.ofMinutes(5) : groupRefresh;
    }

    /** Refuses settings Slack could not work with, naming the key; called only when Slack is enabled. */
    public SlackSettings checked() {
        if (!mode.equals("http") && !mode.equals("socket")) {
            throw new IllegalStateException("slipway.slack.mode is '%s'; it must be http or socket".formatted(mode));
        }
        if (teamId == null) throw new IllegalStateException("slipway.slack.team-id is required when slipway.slack.enabled is true");
        if (updateInterval.isNegative()) throw new IllegalStateException("slipway.slack.update-interval must not be negative");
        if (groupRefresh.isNegative() || groupRefresh.isZero()) throw new IllegalStateException("slipway.slack.group-refresh must be positive");
        URI api = URI.create(apiUrl);
        if (api.getScheme() == null || !(api.getScheme().equals("https") || api.getScheme().equals("http"))) {
            throw new IllegalStateException("slipway.slack.api-url must be an http(s) URL, not '%s'".formatted(apiUrl));
        }
        return this;
    }

    public boolean socketMode() {
        return mode.equals("socket");
    }

    public Optional<String> enterprise() {
        return Optional.ofNullable(enterpriseId);
    }

    /** Where the weekly digest goes; empty: no digest. */
    public Optional<String> digest() {
        return Optional.ofNullable(digestChannel);
    }

    public Optional<String> approvals() {
        return Optional.ofNullable(approvalsChannel);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
