package dev.slipway.adapter.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Slack's v0 request signature: HMAC-SHA256 of {@code v0:<timestamp>:<raw body>} under the signing secret, accepted only
 * within five minutes of now and compared in constant time, so that neither a forged nor a recorded request runs.
 */
final class SlackRequestSignature {

    static final Duration WINDOW = Duration.ofMinutes(5);

    enum Verdict {
        VALID("valid"), MISSING("no signature or timestamp"), STALE("timestamp outside the five-minute window"), FORGED("signature does not match");

        final String words;

        Verdict(String words) {
            this.words = words;
        }
    }

    private final SecretKeySpec key;
    private final InstantSource clock;

    SlackRequestSignature(String signingSecret, InstantSource clock) {
        if (signingSecret == null || signingSecret.isBlank()) throw new IllegalArgumentException("a signing secret is required");
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    Verdict verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) return Verdict.MISSING;
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verdict.MISSING;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > WINDOW.toSeconds()) return Verdict.STALE;
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = signature.strip().getBytes(StandardCharsets.US_ASCII);
        // MessageDigest.isEqual takes the same time wherever the first difference is, so timing tells an attacker nothing.
        return MessageDigest.isEqual(expected, presented) ? Verdict.VALID : Verdict.FORGED;
    }

    /** {@code v0=} and the hex HMAC, as Slack puts it in {@code X-Slack-Signature}. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
