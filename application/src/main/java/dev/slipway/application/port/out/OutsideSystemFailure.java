package dev.slipway.application.port.out;

/**
 * An outside system (git, a database, AWS, a process) did not do what was asked. Adapters turn their library's
 * exceptions into this so that no SDK exception crosses a port; the message is for people and holds no secret.
 */
public class OutsideSystemFailure extends RuntimeException {

    private final String system;
    private final String action;
    private final boolean retryable;

    public OutsideSystemFailure(String system, String action, boolean retryable, String message, Throwable cause) {
        super("%s could not %s: %s".formatted(system, action, message), cause);
        this.system = system;
        this.action = action;
        this.retryable = retryable;
    }

    public OutsideSystemFailure(String system, String action, boolean retryable, String message) {
        this(system, action, retryable, message, null);
    }

    public String system() {
        return system;
    }

    public String action() {
        return action;
    }

    /** Whether trying the same thing again later may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
