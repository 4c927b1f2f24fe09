package dev.slipway.application.presentation;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Cancelled;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.presentation.Presentation.NextStep;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;

import java.util.Optional;

/**
 * The one presenter of outcomes: for each outcome the status word, the sentence, the next step, the exit code and the
 * HTTP status. The CLI, the shell, the REST API, the dashboard, Slack and the audit trail all start from here, so the
 * same outcome reads the same everywhere. Exit codes: 0 succeeded, 2 bad input, 3 refused by policy (or waiting for an
 * approval), 4 failed with the environment as it was, 5 failed and not rolled back, 6 timed out, 1 unexpected.
 */
public final class OutcomePresenter {

    public static final int SUCCEEDED = 0;
    public static final int UNEXPECTED = 1;
    public static final int BAD_INPUT = 2;
    public static final int REFUSED = 3;
    public static final int AS_IT_WAS = 4;
    public static final int NOT_ROLLED_BACK = 5;
    public static final int TIMED_OUT = 6;

    private OutcomePresenter() {
    }

    public static Presentation present(DeploymentOutcome outcome) {
        return switch (outcome) {
            case Succeeded s -> {
                Deployment d = s.deployment();
                String message = "%s: %s %s succeeded%s%s".formatted(Words.subject(d), Words.spoken(d.kind()), d.id(),
                        d.duration().map(took -> " in " + Words.duration(took)).orElse(""),
                        d.approvalWait().map(wait -> " (after %s waiting for approval)".formatted(Words.duration(wait))).orElse(""));
                yield deployment("succeeded", message, null, null, null, NextStep.NEXT, SUCCEEDED, 200, d);
            }
            case NotDeployed n -> {
                Deployment d = n.deployment();
                String message = "%s failed before anything changed: %s; %s".formatted(Words.subject(d), n.reason(),
                        blank(n.running()) ? "the environment still runs nothing" : n.running() + " still runs");
                yield deployment("not_deployed", message, n.reason(), null, "see the failing step with `slipway show %s`, fix it and deploy again"
                        .formatted(d.id()), NextStep.NEXT, AS_IT_WAS, 200, d);
            }
            case RolledBack r -> {
                Deployment d = r.deployment();
                String message = "%s failed and was rolled back: %s; %s".formatted(Words.subject(d), r.reason(),
                        blank(r.restored()) ? "the environment runs nothing again, as before" : r.restored() + " runs again");
                yield deployment("rolled_back", message, r.reason(), null, "see the failing step with `slipway show %s`, fix it and deploy again"
                        .formatted(d.id()), NextStep.NEXT, AS_IT_WAS, 200, d);
            }
            case Failed f -> {
                Deployment d = f.deployment();
                String message = "%s failed: %s; the environment may not be as it was".formatted(Words.subject(d), f.reason());
                yield deployment("failed", message, f.reason(), null, f.howToRecover(), NextStep.TO_RECOVER, NOT_ROLLED_BACK, 200, d);
            }
            case AwaitingApproval a -> {
                Deployment d = a.deployment();
                String message = "%s waits for approval until %s (deployment %s); %s".formatted(Words.subject(d), Words.time(a.expiresAt()), d.id(),
                        a.howToApprove());
                yield deployment("awaiting_approval", message, null, "approval", "slipway approve " + d.id(), NextStep.TO_APPROVE, REFUSED, 202, d);
            }
            case Cancelled c -> {
                Deployment d = c.deployment();
                String message = "deployment %s of %s was cancelled: %s".formatted(d.id(), Words.subject(d), c.reason());
                yield deployment("cancelled", message, c.reason(), null, "deploy again to ask anew", NextStep.NEXT, REFUSED, 200, d);
            }
            case TimedOut t -> new Presentation("timed_out", "timed out waiting for %s: %s; nothing was changed".formatted(t.waitingFor(), t.reason()),
                    t.reason(), null, "try again later, or allow a longer wait", NextStep.NEXT, TIMED_OUT, 409, Optional.empty());
            case Refused r -> present(r);
            case Invalid i -> present(i);
        };
    }

    /**
     * The answer to a reject: a deployment cancelled by this rejection is what was asked, so it succeeds (exit 0) with
     * the status word {@code cancelled}; anything else reads as {@link #present(DeploymentOutcome)} says.
     */
    public static Presentation presentRejection(DeploymentOutcome outcome) {
        if (outcome instanceof Cancelled c) {
            Deployment d = c.deployment();
            String message = "rejected deployment %s of %s: it is cancelled (%s)".formatted(d.id(), Words.subject(d), c.reason());
            return deployment("cancelled", message, c.reason(), null, null, NextStep.NEXT, SUCCEEDED, 200, d);
        }
        return present(outcome);
    }

    /** A plan answers 0 when a deploy with the same words would start now and 3 when it would be refused: a CI pre-flight. */
    public static Presentation present(PlanOutcome outcome) {
        return switch (outcome) {
            case PlanOutcome.Planned p -> {
                String message = "%s %s would %s to %s".formatted(p.service(), p.tag(), p.wouldRun() ? "deploy" : "be refused", p.environment());
                String rule = p.branchRefusal().isPresent() ? "branch" : p.lock().isPresent() ? "lock" : null;
                String reason = p.branchRefusal().orElseGet(() -> p.lock().map(Lock::describe).orElse(null));
                String next = p.wouldRun() ? p.promotedFrom().map(from -> "slipway promote %s %s --service %s".formatted(from, p.environment(), p.service()))
                        .orElse("slipway deploy %s --service %s".formatted(p.environment(), p.service()))
                        : p.branchRefusal().isPresent() ? "deploy from branch " + p.branch().orElse("the environment's branch")
                        : "wait for the lock, or deploy with --lock-wait 10m";
                yield new Presentation("planned", message, reason, rule, next, p.wouldRun() ? NextStep.NEXT : NextStep.TO_UNBLOCK,
                        p.wouldRun() ? SUCCEEDED : REFUSED, 200, Optional.empty());
            }
            case Refused r -> present(r);
            case Invalid i -> present(i);
        };
    }

    public static Presentation present(LockOutcome outcome) {
        return switch (outcome) {
            case LockOutcome.Locked l -> {
                Lock lock = l.lock();
                yield new Presentation("locked", "locked %s: nobody deploys there until it is unlocked".formatted(lock.key()), null, null,
                        "slipway unlock %s --service %s".formatted(lock.key().environment(), lock.key().service()), NextStep.NEXT, SUCCEEDED, 200,
                        Optional.empty());
            }
            case LockOutcome.Unlocked u -> new Presentation("unlocked", "unlocked %s (was held by %s)".formatted(u.released().key(), holder(u.released())),
                    null, null, null, NextStep.NEXT, SUCCEEDED, 200, Optional.empty());
            case LockOutcome.NotLocked n -> new Presentation("unlocked", "%s was not locked; nothing to do".formatted(n.key()),
                    null, null, null, NextStep.NEXT, SUCCEEDED, 200, Optional.empty());
            case Refused r -> present(r);
            case Invalid i -> present(i);
        };
    }

    public static Presentation present(Refused r) {
        return new Presentation("refused", "refused by %s: %s".formatted(r.rule(), r.reason()), r.reason(), r.rule(), r.howToUnblock(),
                NextStep.TO_UNBLOCK, REFUSED, r.rule().startsWith("role:") ? 403 : 409, Optional.empty());
    }

    public static Presentation present(Invalid i) {
        return new Presentation("invalid", "invalid: " + i.reason(), i.reason(), null, i.hint(), NextStep.HINT, BAD_INPUT, 400, Optional.empty());
    }

    /** The answer to a question (status, history, show): {@code ok}, with a sentence saying what was found. */
    public static Presentation answer(String message) {
        return new Presentation("ok", message, null, null, null, NextStep.NEXT, SUCCEEDED, 200, Optional.empty());
    }

    /** Words that do not make a request (an unknown command or option, a broken configuration): {@code invalid}, exit 2. */
    public static Presentation badInput(String problem, String next) {
        return new Presentation("invalid", problem, problem, null, next, NextStep.NEXT, BAD_INPUT, 400, Optional.empty());
    }

    /** Something nobody planned for: {@code error}, exit 1. */
    public static Presentation unexpected(String message) {
        return new Presentation("error", message, message, null, null, NextStep.NEXT, UNEXPECTED, 500, Optional.empty());
    }

    /** Who holds a lock, in a few words: {@code alice: deploying 0a1b2c3d4e5f}. */
    public static String holder(Lock lock) {
        String what = lock.deployment().map(id -> "deploying " + id).orElse(lock.reason().isBlank() ? "locked" : lock.reason());
        return "%s: %s".formatted(lock.actor(), what);
    }

    private static Presentation deployment(String outcome, String message, String reason, String rule, String next, NextStep nextStep,
                                           int exitCode, int httpStatus, Deployment d) {
        return new Presentation(outcome, message, reason, rule, next, nextStep, exitCode, httpStatus, Optional.of(d));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
