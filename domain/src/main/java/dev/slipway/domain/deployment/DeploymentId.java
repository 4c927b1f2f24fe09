package dev.slipway.domain.deployment;

import java.util.UUID;
import java.util.regex.Pattern;

/** A deployment's identity: twelve lower-case hex digits, short enough to type. */
public record DeploymentId(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{12}");

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

    @Override
    public String toString() {
        return value;
    }
}
