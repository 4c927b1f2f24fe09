package dev.slipway.adapter.http;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code slipway.webhooks.github}: whether GitHub's deliveries are accepted; the secret comes only from GITHUB_WEBHOOK_SECRET. */
@ConfigurationProperties("slipway.webhooks.github")
public record GitHubWebhookProperties(boolean enabled) {}
