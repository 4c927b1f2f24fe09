package dev.slipway.adapter.git;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** The user name and token that Slipway sends to HTTPS git remotes, read from the environment. */
public record HttpsCredentials(String username, String token) {

    public static final String TOKEN_VARIABLE = "SLIPWAY_GIT_TOKEN";
    public static final String USERNAME_VARIABLE = "SLIPWAY_GIT_USERNAME";
    /** What GitHub and most forges accept as the user name of a token. */
    public static final String DEFAULT_USERNAME = "x-access-token";

    public HttpsCredentials {
        if (username == null || username.isBlank()) throw new IllegalArgumentException("HTTPS git credentials need a user name");
        if (token == null || token.isBlank()) throw new IllegalArgumentException("HTTPS git credentials need a token");
    }

    /**
     * The credentials named by {@value #TOKEN_VARIABLE} and {@value #USERNAME_VARIABLE} in {@code environment}
     * (a lookup that answers null for an unset variable), or empty when no token is set.
     */
    public static Optional<HttpsCredentials> from(UnaryOperator<String> environment) {
        String token = environment.apply(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) return Optional.empty();
        String username = environment.apply(USERNAME_VARIABLE);
        return Optional.of(new HttpsCredentials(username == null || username.isBlank() ? DEFAULT_USERNAME : username.strip(), token.strip()));
    }

    /** Keeps the token out of logs and messages that print the record. */
    @Override
    public String toString() {
        return "HttpsCredentials[username=" + username + ", token=***]";
    }
}
