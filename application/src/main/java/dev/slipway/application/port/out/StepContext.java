package dev.slipway.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** What a running step offers the adapter doing its work: a way to report progress and to journal resume state. */
public interface StepContext {

    /** Tells people watching how the step is going. */
    void report(String message);

    /** Tells how far the step is, {@code fraction} between 0 and 1. */
    void report(String message, double fraction);

    /** Journals a value the step needs to resume or explain itself (an SSM command id, a pid) before it waits. */
    void remember(String key, String value);

    /** A value journaled earlier by this step. */
    Optional<String> recall(String key);

    /** When the whole deployment must be done; long waits stop there and fail as timed out. */
    Instant deadline();

    /**
     * Whether the process still holds the deployment's lock under the fencing token it was granted. A target asks before
     * it writes state of its own (a pointer, a run-state file) and, on false, writes nothing and stops what it started:
     * another process has taken the environment over. A context not tied to a lease (a test's) answers true.
     */
    default boolean stillHolds() {
        return true;
    }

    /**
     * Reads the environment's gates now and answers the first failure in words (which gate, its value, its threshold);
     * empty when all pass or there are none. A target rolling out in waves asks between waves. A rollback, and a context
     * not tied to a deployment, answers empty: a rollback is never held back by the alarms that caused it.
     */
    default Optional<String> checkGates() {
        return Optional.empty();
    }

    /**
     * A context for work outside any deployment (a status reading the running version, a health check): nothing is
     * reported or journaled, and waits end at {@code deadline}.
     */
    static StepContext quiet(Instant deadline) {
        return new StepContext() {
            @Override
            public void report(String message) {
                // Nobody watches work done outside a deployment.
            }

            @Override
            public void report(String message, double fraction) {
            }

            @Override
            public void remember(String key, String value) {
            }

            @Override
            public Optional<String> recall(String key) {
                return Optional.empty();
            }

            @Override
            public Instant deadline() {
                return deadline;
            }
        };
    }
}
