package dev.slipway.adapter.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How Slipway talks to AWS ({@code slipway.aws.*}): the region (empty: the SDK's default chain), an endpoint override
 * for emulators and VPC endpoints (empty: AWS itself), the SDK retry strategy's attempts and base delay, the API call
 * timeouts, and how often long waits look again. Credentials always come from the SDK's default chain.
 */
public record AwsSettings(Optional<String> region, Optional<URI> endpoint, int maxAttempts, Duration retryBaseDelay,
                          Duration apiCallTimeout, Duration apiCallAttemptTimeout, Duration pollInterval) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public AwsSettings {
        region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        if (maxAttempts < 1 || maxAttempts > 20) throw new IllegalArgumentException("slipway.aws.max-attempts is %d; it must be from 1 to 20".formatted(maxAttempts));
        requirePositive("retry-base-delay", retryBaseDelay);
        requirePositive("api-call-timeout", apiCallTimeout);
        requirePositive("api-call-attempt-timeout", apiCallAttemptTimeout);
        requirePositive("poll-interval", pollInterval);
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("slipway.aws.api-call-attempt-timeout (%s) is longer than api-call-timeout (%s)".formatted(apiCallAttemptTimeout, apiCallTimeout));
        }
        endpoint.ifPresent(uri -> {
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("slipway.aws.endpoint '%s' must be an http or https URL".formatted(uri));
            }
        });
    }

    /** The defaults: the SDK's region, AWS itself, 4 attempts from 100 ms, 30 s per call and 10 s per attempt, looking every 2 s. */
    public static AwsSettings defaults() {
        return new AwsSettings(Optional.empty(), Optional.empty(), DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    public AwsSettings withEndpoint(URI endpoint, String region) {
        return new AwsSettings(Optional.of(region), Optional.of(endpoint), maxAttempts, retryBaseDelay, apiCallTimeout, apiCallAttemptTimeout, pollInterval);
    }

    public AwsSettings withRetries(int attempts, Duration baseDelay) {
        return new AwsSettings(region, endpoint, attempts, baseDelay, apiCallTimeout, apiCallAttemptTimeout, pollInterval);
    }

    public AwsSettings withTimeouts(Duration call, Duration attempt) {
        return new AwsSettings(region, endpoint, maxAttempts, retryBaseDelay, call, attempt, pollInterval);
    }

    public AwsSettings withPollInterval(Duration interval) {
        return new AwsSettings(region, endpoint, maxAttempts, retryBaseDelay, apiCallTimeout, apiCallAttemptTimeout, interval);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) throw new IllegalArgumentException("slipway.aws.%s must be a positive duration".formatted(key));
    }
}
