package dev.slipway.adapter.http;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code slipway.api}: the REST API's tokens. Each names the environment variable that holds the token ({@code env}),
 * never the token itself, and the actor it stands for; bootstrap turns {@code roles} on {@code services} and
 * {@code environments} into grants for that actor.
 */
@ConfigurationProperties("slipway.api")
public record ApiProperties(List<Token> tokens) {

    public ApiProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** One token: the actor it signs in as and the variable holding it; lists may be null when the file leaves them out. */
    public record Token(String actor, String env, List<String> roles, List<String> services, List<String> environments) {}
}
