package dev.slipway.adapter.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checks GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the
 * webhook's secret, compared in constant time. A missing secret verifies nothing.
 */
final class GitHubSignature {

    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    GitHubSignature(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean configured() {
        return secret != null;
    }

    boolean verifies(byte[] body, String header) {
        if (secret == null || header == null || !header.startsWith(PREFIX)) return false;
        byte[] expected = HexFormat.of().formatHex(Callers.mac(secret, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = header.substring(PREFIX.length()).strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented);
    }
}
