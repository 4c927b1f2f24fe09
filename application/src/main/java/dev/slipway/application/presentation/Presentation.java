package dev.slipway.application.presentation;

import dev.slipway.domain.deployment.Deployment;

import java.util.Optional;

/**
 * What an outcome says, the same for every front end: the status word ({@code succeeded}, {@code not_deployed},
 * {@code rolled_back}, {@code failed}, {@code awaiting_approval}, {@code cancelled}, {@code timed_out}, {@code refused},
 * {@code invalid}, and for the other questions {@code planned}, {@code locked}, {@code unlocked}, {@code ok}), one
 * sentence for people, why (when it did not succeed), the rule that said no, the one next step, the headless exit code
 * and the HTTP status. {@code reason}, {@code rule} and {@code next} may be null; {@code deployment} is empty when the
 * outcome has none. Front ends decorate it (an emoji, a colour, a problem document) and never reword it.
 */
public record Presentation(String outcome, String message, String reason, String rule, String next, NextStep nextStep, int exitCode,
                           int httpStatus, Optional<Deployment> deployment) {

    public Presentation {
        if (outcome == null || outcome.isBlank()) throw new IllegalArgumentException("a presentation needs a status word");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("a presentation needs a sentence");
        next = next == null || next.isBlank() ? null : next;
        reason = reason == null || reason.isBlank() ? null : reason;
        nextStep = nextStep == null ? NextStep.NEXT : nextStep;
        deployment = deployment == null ? Optional.empty() : deployment;
    }

    /** The sentence, then the next step on a line of its own with its label ("to unblock: ..."), for plain text. */
    public String text() {
        return next == null ? message : message + "\n" + nextStep.introduce(next);
    }

    /** The sentence and the next step on one line, for a single-line answer (an HTTP problem's detail, a log line). */
    public String line() {
        return next == null ? message : message + "; " + nextStep.introduce(next);
    }

    /** How the next step is introduced. */
    public enum NextStep {
        NEXT("next"), TO_UNBLOCK("to unblock"), TO_RECOVER("to recover"), TO_APPROVE("to approve"), HINT("");

        private final String label;

        NextStep(String label) {
            this.label = label;
        }

        /** The label, empty for a hint, which reads on its own. */
        public String label() {
            return label;
        }

        /** The next step with its label: {@code to unblock: ...}; a hint stands alone. */
        public String introduce(String next) {
            return label.isEmpty() ? next : label + ": " + next;
        }
    }
}
