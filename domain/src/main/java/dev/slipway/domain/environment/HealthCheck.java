package dev.slipway.domain.environment;

import java.time.Duration;
import java.util.Optional;

/**
 * How a release proves it is healthy: an HTTP GET of {@code path} that must answer 2xx within {@code timeout},
 * tried up to {@code attempts} times {@code interval} apart. When {@code versionPath} is set, the body it answers
 * must name the release's tag or version.
 */
public record HealthCheck(String path, Duration timeout, int attempts, Duration interval, Optional<String> versionPath) {

    /** The longest timeout or interval a health check may name: anything longer is a typo, not a plan. */
    private static final Duration LONGEST = Duration.ofMinutes(10);

    public static final HealthCheck DEFAULT =
            new HealthCheck("/health", Duration.ofSeconds(2), 20, Duration.ofMillis(500), Optional.empty());

    public HealthCheck {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("health check path '%s' must start with /".formatted(path));
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("health check timeout must be more than 0 and at most 10m");
        }
        if (attempts < 1 || attempts > 10_000) throw new IllegalArgumentException("health check attempts must be from 1 to 10000, not " + attempts);
        if (interval == null || interval.isNegative() || interval.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("health check interval must be from 0 to 10m");
        }
        versionPath = versionPath == null ? Optional.empty() : versionPath;
        versionPath.ifPresent(p -> {
            if (!p.startsWith("/")) throw new IllegalArgumentException("version path '%s' must start with /".formatted(p));
        });
    }

    /** The longest a full check may take: every attempt timing out, with the pauses between them. */
    public Duration worstCase() {
        return timeout.multipliedBy(attempts).plus(interval.multipliedBy(Math.max(0, attempts - 1)));
    }
}
