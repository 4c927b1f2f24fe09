package dev.slipway.domain.deployment;

import java.util.UUID;
import java.util.regex.Pattern;

/** A deployment's identity: twelve lower-case hex digits, short enough to type. */
public record DeploymentId(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{12}");
    /** The fewest hex digits that may stand for an id, as git accepts a unique start of a commit's name. */
    public static final int SHORTEST_PREFIX = 6;
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{6,12}");

    /** Whether {@code text} may name a deployment: its id, or a start of it of at least {@value #SHORTEST_PREFIX} hex digits. */
    public static boolean isPrefix(String text) {
        return text != null && PREFIX.matcher(text.trim().toLowerCase(java.util.Locale.ROOT)).matches();
    }

    public DeploymentId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("'%s' is not a deployment id: expected 12 hex digits, as shown by history".formatted(value));
        }
    }

    public static DeploymentId of(String value) {
        return new DeploymentId(value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    public static DeploymentId random() {
        return new DeploymentId(UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /**
     * The id of the deployment a request starts, fixed by the request's key (a Slack trigger, a webhook delivery, an
     * API idempotency key), so that a front end knows it before the deployment exists and a repeated request names
     * the same deployment.
     */
    public static DeploymentId forRequest(String requestKey) {
        if (requestKey == null || requestKey.isBlank()) throw new IllegalArgumentException("a request key must not be blank");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(requestKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new DeploymentId(java.util.HexFormat.of().formatHex(digest, 0, 6));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
