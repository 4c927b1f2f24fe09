package dev.slipway.application.port.out;

import dev.slipway.domain.environment.Gate;

/**
 * Reads one kind of gate ({@code cloudwatch-alarms}, {@code prometheus}, {@code http}) from the outside system that
 * holds it. Never throws for a gate that does not pass: that is a reading. May throw {@link OutsideSystemFailure} when the
 * system cannot be asked; the deployment treats that as a failed gate.
 */
public interface GateCheck {

    /** The kind of gate this check reads, as written in configuration. */
    String kind();

    /** Reads {@code gate} now. */
    Reading check(Gate gate, StepContext step);

    /**
     * What a gate read: whether it passed, the value seen ({@code "hello-5xx is ALARM"}, {@code "0.12"}) and the threshold it
     * was held to ({@code "no alarm in ALARM"}, {@code "<= 0.05"}).
     */
    record Reading(boolean passed, String value, String threshold) {
        public Reading {
            value = value == null ? "" : value;
            threshold = threshold == null ? "" : threshold;
        }

        public static Reading passed(String value, String threshold) {
            return new Reading(true, value, threshold);
        }

        public static Reading failed(String value, String threshold) {
            return new Reading(false, value, threshold);
        }
    }
}
