package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.presentation.MetricsDocument;
import dev.slipway.application.presentation.OutcomePresenter;
import dev.slipway.domain.input.Durations;
import dev.slipway.application.presentation.Presentation;
import dev.slipway.application.presentation.Words;
import dev.slipway.domain.deployment.Deployment;

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
        return deployment(outcome, OutcomePresenter.present(outcome));
    }

    /** A reject's answer: the deployment it cancelled is a success. */
    Result rejection(DeploymentOutcome outcome) {
        return deployment(outcome, OutcomePresenter.presentRejection(outcome));
    }

    private Result deployment(DeploymentOutcome outcome, Presentation p) {
        JsonDocument.Builder json = JsonDocument.of(p);
        switch (outcome) {
            case RolledBack r -> json.restoredTag(r.restored() == null || r.restored().isBlank() ? null : r.restored());
            case AwaitingApproval a -> json.expiresAt(a.expiresAt());
            case TimedOut t -> json.waitingFor(t.waitingFor());
            default -> { }
        }
        boolean withJournal = outcome instanceof Succeeded || outcome instanceof NotDeployed || outcome instanceof RolledBack || outcome instanceof Failed;
        String text = withJournal ? journal(p, p.deployment().orElseThrow()) : p.text() + "\n";
        // A refusal, bad input or a wait that timed out is a problem (stderr); a deployment's story, even a failed one, is the result.
        boolean problem = outcome instanceof TimedOut || outcome instanceof Refused || outcome instanceof Invalid;
        return problem ? Result.problem(ExitCode.of(p.exitCode()), text, json.build()) : Result.of(ExitCode.of(p.exitCode()), text, json.build());
    }

    /** A plan answers 0 when a deploy with the same words would start, 3 when it would be refused: a CI pre-flight. */
    Result plan(PlanOutcome outcome) {
        return switch (outcome) {
            case Planned p -> {
                Presentation presented = OutcomePresenter.present(p);
                yield Result.of(ExitCode.of(presented.exitCode()), text.plan(p), JsonDocument.of(presented).plan(p).build());
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    Result lock(LockOutcome outcome) {
        Presentation p = OutcomePresenter.present(outcome);
        JsonDocument.Builder json = JsonDocument.of(p);
        switch (outcome) {
            case LockOutcome.Locked l -> json.lock(l.lock());
            case LockOutcome.Unlocked u -> json.lock(u.released());
            case LockOutcome.NotLocked n -> { }
            default -> { }
        }
        return Result.of(ExitCode.of(p.exitCode()), p.text() + "\n", json.build());
    }

    Result status(QueryOutcome<List<EnvironmentState>> outcome) {
        return answer(outcome, states -> Result.of(ExitCode.SUCCEEDED, text.status(states),
                JsonDocument.of(OutcomePresenter.answer("%d environment%s".formatted(states.size(), states.size() == 1 ? "" : "s")))
                        .environments(states).build()));
    }

    /**
     * {@code status --check}: the same table, and exit 1 (outcome {@code check_failed}) when an environment where
     * something was deployed is down, unhealthy or drifting; each one is named on stderr with what to look at.
     */
    Result statusCheck(QueryOutcome<List<EnvironmentState>> outcome) {
        return answer(outcome, states -> {
            List<String> failing = states.stream().map(Reports::checkFailure).flatMap(java.util.Optional::stream).toList();
            if (failing.isEmpty()) return status(outcome);
            String message = "status check failed: " + String.join("; ", failing);
            String next = "see what failed with `slipway history ENV` and `slipway show ID`, then deploy or roll back";
            return new Result(ExitCode.UNEXPECTED, text.status(states), JsonDocument.of("check_failed", ExitCode.UNEXPECTED, message)
                    .next(next).environments(states).build(), false, message + "\nnext: " + next + "\n");
        });
    }

    private static java.util.Optional<String> checkFailure(EnvironmentState state) {
        String name = state.service() + "/" + state.environment();
        if (state.current().isPresent() && state.alive().filter(up -> !up).isPresent()) {
            return java.util.Optional.of(name + " is down" + state.drift().map(d -> ": " + d).orElse(""));
        }
        if (state.drift().isPresent()) return java.util.Optional.of(name + " drifts: " + state.drift().get());
        if (state.current().isEmpty()) return java.util.Optional.empty();
        if (EnvironmentStatus.HealthAnswer.UNHEALTHY.equals(state.health().state())) {
            return java.util.Optional.of(name + " is unhealthy: " + state.health().detail());
        }
        return java.util.Optional.empty();
    }

    Result history(QueryOutcome<List<Deployment>> outcome) {
        return answer(outcome, deployments -> Result.of(ExitCode.SUCCEEDED, text.history(deployments),
                JsonDocument.of(OutcomePresenter.answer("%d deployment%s".formatted(deployments.size(), deployments.size() == 1 ? "" : "s")))
                        .deployments(deployments).build()));
    }

    Result metrics(QueryOutcome<MetricsReport> outcome) {
        return answer(outcome, report -> {
            String message = "delivery metrics of %d environment%s over the %s ending %s".formatted(report.environments().size(),
                    report.environments().size() == 1 ? "" : "s", Durations.format(report.window()), Words.time(report.to()));
            Presentation p = OutcomePresenter.answer(message);
            String next = "`slipway history ENV` lists the deployments behind these figures; --since 90d widens the window";
            return Result.of(ExitCode.SUCCEEDED, text.metrics(report) + "\nnext: " + next + "\n",
                    JsonDocument.of(p).next(next).metrics(MetricsDocument.of(report)).build());
        });
    }

    Result show(QueryOutcome<Deployment> outcome) {
        return answer(outcome, d -> Result.of(ExitCode.SUCCEEDED, text.details(d),
                JsonDocument.of(OutcomePresenter.answer("%s: %s".formatted(Words.subject(d), Words.spoken(d.status())))).deployment(d).build()));
    }

    /** A refusal is a problem: on stderr, with the one step that unblocks it. */
    Result refused(Refused r) {
        Presentation p = OutcomePresenter.present(r);
        return Result.problem(ExitCode.of(p.exitCode()), p.text() + "\n", JsonDocument.of(p).build());
    }

    /** A request that cannot be acted on is a problem: on stderr, with the one step that fits it. */
    Result invalid(Invalid i) {
        Presentation p = OutcomePresenter.present(i);
        return Result.problem(ExitCode.of(p.exitCode()), p.text() + "\n", JsonDocument.of(p).build());
    }

    /** Words that do not make a command; the usage line tells what would, as typed in the shell or on the command line. */
    static Result usage(String problem, String usage, boolean interactive) {
        String program = interactive ? "" : "slipway ";
        String help = "run `%s%s --help` for options, examples and exit codes".formatted(program, usage.split(" ", 2)[0]);
        return Result.problem(ExitCode.BAD_INPUT, "error: %s\nusage: %s%s\n%s\n".formatted(problem, program, usage, help),
                JsonDocument.of(OutcomePresenter.badInput(problem, "usage: slipway " + usage)).build());
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
        return Result.problem(ExitCode.UNEXPECTED, "error: " + message + "\n", JsonDocument.of(OutcomePresenter.unexpected(message)).build());
    }

    /** The sentence, the steps and the commits, then the next step last, where a reader's eye ends. */
    private String journal(Presentation p, Deployment d) {
        String steps = text.steps(d.steps());
        return p.message() + "\n" + (steps.isEmpty() ? "" : "\n" + steps) + (d.notes().commits().isEmpty() ? "" : "\n" + text.commits(d))
                + (p.next() == null ? "" : p.nextStep().introduce(p.next()) + "\n");
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
