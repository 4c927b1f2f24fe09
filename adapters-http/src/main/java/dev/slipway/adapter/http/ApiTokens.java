package dev.slipway.adapter.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The REST API's tokens, read from the environment variables that configuration names; tells which actor a presented
 * token stands for, comparing in constant time. Token values are never logged nor shown.
 */
final class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    /** One usable token: its actor, its value (the key that signs this actor's dashboard sessions) and its digest. */
    private record Known(String actor, byte[] secret, byte[] digest) {}

    private final List<Known> known;

    ApiTokens(ApiProperties properties, Environment environment) {
        List<Known> usable = new ArrayList<>();
        for (ApiProperties.Token token : properties.tokens()) {
            if (token.actor() == null || token.actor().isBlank() || token.env() == null || token.env().isBlank()) {
                throw new IllegalArgumentException("every slipway.api.tokens entry needs an actor and env (the variable that holds the token)");
            }
            String value = environment.getProperty(token.env().strip());
            if (value == null || value.isBlank()) {
                // Not fatal: a replica may serve the dashboard behind a proxy without every CI token in its environment.
                log.warn("API token of actor {}: environment variable {} is not set, so that token cannot sign in", token.actor(), token.env());
                continue;
            }
            byte[] secret = value.strip().getBytes(StandardCharsets.UTF_8);
            usable.add(new Known(token.actor().strip(), secret, sha256(secret)));
        }
        this.known = List.copyOf(usable);
    }

    /** The actor whose token this is; every known token is compared, whatever matched, so timing tells nothing. */
    Optional<String> actorOf(String presented) {
        if (presented == null || presented.isBlank()) return Optional.empty();
        byte[] digest = sha256(presented.strip().getBytes(StandardCharsets.UTF_8));
        String match = null;
        for (Known token : known) {
            if (MessageDigest.isEqual(digest, token.digest()) && match == null) match = token.actor();
        }
        return Optional.ofNullable(match);
    }

    /** The keys that may sign this actor's sessions: the values of its tokens. */
    List<byte[]> keysOf(String actor) {
        return known.stream().filter(k -> k.actor().equals(actor)).map(Known::secret).toList();
    }

    /** The key of the token that was presented, to sign the session it opens. */
    Optional<byte[]> keyOf(String presented) {
        byte[] digest = sha256(presented.strip().getBytes(StandardCharsets.UTF_8));
        byte[] match = null;
        for (Known token : known) {
            if (MessageDigest.isEqual(digest, token.digest()) && match == null) match = token.secret();
        }
        return Optional.ofNullable(match);
    }

    boolean isEmpty() {
        return known.isEmpty();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
