package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Cancelled;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;

import java.util.List;
import java.util.function.Function;

/**
 * Turns every outcome the inbound ports answer into a {@link Result}: one exhaustive switch per sealed outcome
 * decides the exit code, the sentence for people and the JSON document, so the two outputs never disagree.
 */
final class Reports {

    private final PlainText text;

    Reports(PlainText text) {
        this.text = text;
    }

    Result deployment(DeploymentOutcome outcome) {
        return switch (outcome) {
            case Succeeded s -> {
                Deployment d = s.deployment();
                String message = "%s: %s %s succeeded%s".formatted(PlainText.subject(d), PlainText.status(d.kind()), d.id(),
                        d.duration().map(took -> " in " + Durations.format(took)).orElse(""));
                yield Result.of(ExitCode.SUCCEEDED, journal(message, d),
                        JsonDocument.of("succeeded", ExitCode.SUCCEEDED, message).deployment(d).build());
            }
            case NotDeployed n -> {
                Deployment d = n.deployment();
                String message = "%s failed before anything changed: %s; %s".formatted(PlainText.subject(d), n.reason(),
                        n.running().isBlank() ? "the environment still runs nothing" : n.running() + " still runs");
                yield Result.of(ExitCode.ROLLED_BACK, journal(message, d), JsonDocument.of("not_deployed", ExitCode.ROLLED_BACK, message)
                        .reason(n.reason()).deployment(d).build());
            }
            case RolledBack r -> {
                Deployment d = r.deployment();
                boolean restored = r.restored() != null && !r.restored().isBlank();
                String message = "%s failed and was rolled back: %s; %s".formatted(PlainText.subject(d), r.reason(),
                        restored ? r.restored() + " runs again" : "nothing had been changed");
                yield Result.of(ExitCode.ROLLED_BACK, journal(message, d), JsonDocument.of("rolled_back", ExitCode.ROLLED_BACK, message)
                        .reason(r.reason()).restoredTag(restored ? r.restored() : null).deployment(d).build());
            }
            case Failed f -> {
                Deployment d = f.deployment();
                String message = "%s failed: %s".formatted(PlainText.subject(d), f.reason());
                yield Result.of(ExitCode.FAILED, journal(message + "\nthe environment may not be as it was; to recover: " + f.howToRecover(), d),
                        JsonDocument.of("failed", ExitCode.FAILED, message).reason(f.reason()).next(f.howToRecover()).deployment(d).build());
            }
            case AwaitingApproval a -> {
                Deployment d = a.deployment();
                String approve = "slipway approve " + d.id();
                String message = "%s waits for approval until %s (deployment %s)".formatted(PlainText.subject(d), text.date(a.expiresAt()), d.id());
                yield Result.of(ExitCode.REFUSED, "%s\n%s\nto approve: %s\n".formatted(message, a.howToApprove(), approve),
                        JsonDocument.of("awaiting_approval", ExitCode.REFUSED, message + "; " + a.howToApprove())
                                .rule("approval").next(approve).expiresAt(a.expiresAt()).deployment(d).build());
            }
            case Cancelled c -> {
                Deployment d = c.deployment();
                String message = "deployment %s of %s was cancelled: %s".formatted(d.id(), PlainText.subject(d), c.reason());
                yield Result.of(ExitCode.REFUSED, message + "\n",
                        JsonDocument.of("cancelled", ExitCode.REFUSED, message).reason(c.reason()).deployment(d).build());
            }
            case TimedOut t -> {
                String message = "timed out waiting for %s: %s; nothing was changed".formatted(t.waitingFor(), t.reason());
                yield Result.of(ExitCode.TIMED_OUT, message + "\n",
                        JsonDocument.of("timed_out", ExitCode.TIMED_OUT, message).reason(t.reason()).waitingFor(t.waitingFor()).build());
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    /** A plan answers 0 when a deploy with the same words would start, 3 when it would be refused: a CI pre-flight. */
    Result plan(PlanOutcome outcome) {
        return switch (outcome) {
            case Planned p -> {
                String message = "%s %s would %s to %s".formatted(p.service(), p.tag(), p.wouldRun() ? "deploy" : "be refused",
                        p.environment());
                JsonDocument.Builder json = JsonDocument.of("planned", p.wouldRun() ? ExitCode.SUCCEEDED : ExitCode.REFUSED, message).plan(p);
                p.branchRefusal().ifPresentOrElse(why -> json.rule("branch").reason(why),
                        () -> p.lock().ifPresent(lock -> json.rule("lock").reason(lock.describe())));
                yield Result.of(p.wouldRun() ? ExitCode.SUCCEEDED : ExitCode.REFUSED, text.plan(p), json.build());
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    Result lock(LockOutcome outcome) {
        return switch (outcome) {
            case LockOutcome.Locked l -> {
                Lock lock = l.lock();
                String message = "locked %s: nobody deploys there until `slipway unlock %s --service %s`".formatted(lock.key(),
                        lock.key().environment(), lock.key().service());
                yield Result.of(ExitCode.SUCCEEDED, message + "\n", JsonDocument.of("locked", ExitCode.SUCCEEDED, message).lock(lock).build());
            }
            case LockOutcome.Unlocked u -> {
                Lock lock = u.released();
                String message = "unlocked %s (was held by %s)".formatted(lock.key(), PlainText.holder(lock));
                yield Result.of(ExitCode.SUCCEEDED, message + "\n", JsonDocument.of("unlocked", ExitCode.SUCCEEDED, message).lock(lock).build());
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    Result status(QueryOutcome<List<EnvironmentState>> outcome) {
        return answer(outcome, states -> Result.of(ExitCode.SUCCEEDED, text.status(states),
                JsonDocument.of("ok", ExitCode.SUCCEEDED, "%d environment%s".formatted(states.size(), states.size() == 1 ? "" : "s"))
                        .environments(states).build()));
    }

    Result history(QueryOutcome<List<Deployment>> outcome) {
        return answer(outcome, deployments -> Result.of(ExitCode.SUCCEEDED, text.history(deployments),
                JsonDocument.of("ok", ExitCode.SUCCEEDED, "%d deployment%s".formatted(deployments.size(), deployments.size() == 1 ? "" : "s"))
                        .deployments(deployments).build()));
    }

    Result show(QueryOutcome<Deployment> outcome) {
        return answer(outcome, d -> Result.of(ExitCode.SUCCEEDED, text.details(d),
                JsonDocument.of("ok", ExitCode.SUCCEEDED, "%s: %s".formatted(PlainText.subject(d), PlainText.status(d.status())))
                        .deployment(d).build()));
    }

    Result refused(Refused r) {
        String message = "refused by %s: %s".formatted(r.rule(), r.reason());
        return Result.of(ExitCode.REFUSED, "%s\nto unblock: %s\n".formatted(message, r.howToUnblock()),
                JsonDocument.of("refused", ExitCode.REFUSED, message).rule(r.rule()).reason(r.reason()).next(r.howToUnblock()).build());
    }

    Result invalid(Invalid i) {
        boolean hinted = i.hint() != null && !i.hint().isBlank();
        return Result.of(ExitCode.BAD_INPUT, "invalid: %s\n%s".formatted(i.reason(), hinted ? i.hint() + "\n" : ""),
                JsonDocument.of("invalid", ExitCode.BAD_INPUT, "invalid: " + i.reason()).reason(i.reason()).next(i.hint()).build());
    }

    /** Words that do not make a command; the usage line tells what would, as typed in the shell or on the command line. */
    static Result usage(String problem, String usage, boolean interactive) {
        String program = interactive ? "" : "slipway ";
        String help = "run `%s%s --help` for options, examples and exit codes".formatted(program, usage.split(" ", 2)[0]);
        return Result.problem(ExitCode.BAD_INPUT, "error: %s\nusage: %s%s\n%s\n".formatted(problem, program, usage, help),
                JsonDocument.of("invalid", ExitCode.BAD_INPUT, problem).reason(problem).next("usage: slipway " + usage).build());
    }

    /**
     * Something nobody planned for. An outside system's failure says what failed in words meant for people; any other
     * failure is told by the first line of its message, never by its class name or a stack trace.
     */
    static Result unexpected(RuntimeException failure) {
        String message = switch (failure) {
            case OutsideSystemFailure outside -> outside.getMessage() + (outside.retryable() ? " (trying again later may help)" : "");
            default -> "unexpected failure%s; run again with --verbose, or see the log".formatted(firstLine(failure.getMessage()));
        };
        return Result.problem(ExitCode.UNEXPECTED, "error: " + message + "\n",
                JsonDocument.of("error", ExitCode.UNEXPECTED, message).reason(message).build());
    }

    private String journal(String message, Deployment d) {
        String steps = text.steps(d.steps());
        return message + "\n" + (steps.isEmpty() ? "" : "\n" + steps) + (d.notes().commits().isEmpty() ? "" : "\n" + text.commits(d));
    }

    private <T> Result answer(QueryOutcome<T> outcome, Function<T, Result> answer) {
        return switch (outcome) {
            case QueryOutcome.Answer<T> a -> answer.apply(a.value());
            case Invalid i -> invalid(i);
        };
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) return "";
        String line = message.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
