package dev.slipway.adapter.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code slipway.dashboard}: the header naming the user when the team's proxy signs people in (trusted only from
 * {@code trustedProxies}, addresses or CIDR ranges), and how long a token sign-in lasts. The header may be null: then
 * only tokens sign in.
 */
@ConfigurationProperties("slipway.dashboard")
public record DashboardProperties(String proxyUserHeader, List<String> trustedProxies, @DefaultValue("8h") Duration sessionTimeout) {

    public DashboardProperties {
        proxyUserHeader = proxyUserHeader == null || proxyUserHeader.isBlank() ? null : proxyUserHeader.strip();
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        sessionTimeout = sessionTimeout == null ? Duration.ofHours(8) : sessionTimeout;
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) throw new IllegalArgumentException("slipway.dashboard.session-timeout must be positive");
    }
}
