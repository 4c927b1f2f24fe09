package dev.slipway.adapter.http;

import dev.slipway.domain.deployment.Actor;

/**
 * Who sent a request and how they proved it: an API token, a dashboard session (with the CSRF token its forms carry),
 * or the team's proxy. {@code csrf} is empty except for sessions.
 */
record Caller(Actor actor, Proof proof, String csrf) {

    static final String ATTRIBUTE = "dev.slipway.adapter.http.Caller";

    enum Proof { TOKEN, SESSION, PROXY }
}
