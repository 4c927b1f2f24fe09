package dev.slipway.application.service;

/** A request that cannot be acted on, with the one next step that fits it; answered as {@code Invalid} (exit 2, HTTP 400). */
final class InvalidRequest extends IllegalArgumentException {

    private final String next;

    InvalidRequest(String message, String next) {
        super(message);
        this.next = next;
    }

    String next() {
        return next;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
