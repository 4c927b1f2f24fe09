package dev.slipway.domain.input;

/**
 * A value typed by a person or sent by a client that Slipway refuses before doing anything (too long, control
 * characters, not a duration, out of bounds). Every front end answers it as bad input: exit 2, HTTP 400, a Slack warning.
 */
public final class InputRefused extends IllegalArgumentException {

    public InputRefused(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
