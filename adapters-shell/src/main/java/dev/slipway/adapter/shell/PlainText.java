package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.DeliveryMetrics.EnvironmentMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.Week;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.presentation.MetricsDocument;
import dev.slipway.application.port.in.PlanOutcome.Planned;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.Release;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Deployments, plans, locks and environments as sentences and tables for people; ASCII only, so any terminal shows it. */
final class PlainText {

    private static final int COMMITS_SHOWN = 10;

    private final DateTimeFormatter dates;
    private final int width;

    /** {@code width} is the terminal's, or {@link TextTable#UNLIMITED} for output that scripts may read. */
    PlainText(ZoneId zone, int width) {
        this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        this.width = width;
    }

    String date(Instant at) {
        return dates.format(at);
    }

    /** hello 0.1.31-dev on dev */
    static String subject(Deployment d) {
        return "%s %s on %s".formatted(d.service(), d.release().tag(), d.environment());
    }

    static String status(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    String steps(List<Step> steps) {
        if (steps.isEmpty()) return "";
        TextTable table = new TextTable("Step", "Status", "Detail", "Took");
        for (Step step : steps) {
            table.row(step.name(), status(step.status()), step.detail(), step.elapsed().map(Durations::format).orElse(""));
        }
        return table.render(width);
    }

    String commits(Deployment d) {
        return commits(d.notes().commits(), d.notes().since());
    }

    String commits(List<Commit> commits, Optional<String> since) {
        if (commits.isEmpty()) return "no new commits" + since.map(tag -> " since " + tag).orElse("") + "\n";
        StringBuilder out = new StringBuilder();
        out.append("%d commit%s%s:\n".formatted(commits.size(), commits.size() == 1 ? "" : "s", since.map(tag -> " since " + tag).orElse("")));
        commits.stream().limit(COMMITS_SHOWN).forEach(c -> out.append("  %s %s%s\n".formatted(
                c.id().abbreviated(), c.subject(), c.author().isBlank() ? "" : " (" + c.author() + ")")));
        if (commits.size() > COMMITS_SHOWN) out.append("  ... and %d more\n".formatted(commits.size() - COMMITS_SHOWN));
        return out.toString();
    }

    /** The journal of a deployment as {@code show} prints it. */
    String details(Deployment d) {
        StringBuilder out = new StringBuilder();
        out.append("deployment %s: %s %s (%s)\n".formatted(d.id(), status(d.kind()), subject(d), status(d.status())));
        line(out, "name", d.name());
        line(out, "summary", d.summary());
        line(out, "commit", d.release().commit().sha());
        line(out, "artifact", d.release().artifact().orElse(""));
        line(out, "requested", "%s by %s".formatted(date(d.createdAt()), d.requestedBy()));
        line(out, "finished", d.finishedAt().map(at -> date(at) + d.duration().map(took -> " (" + Durations.format(took) + ")").orElse("")).orElse(""));
        line(out, "waited", d.approvalWait().map(wait -> Durations.format(wait) + " for approval (not counted in the duration)").orElse(""));
        line(out, "previous", d.previous().map(Release::tag).orElse(""));
        line(out, "restored", d.restored().map(Release::tag).orElse(""));
        line(out, "failure", d.failure().orElse(""));
        d.approval().ifPresent(a -> line(out, "approval", "%s%s%s".formatted(status(a.decision()),
                a.decidedBy().map(by -> " by " + by.id()).orElse(""), a.comment().isBlank() ? "" : ": " + a.comment())));
        String steps = steps(d.steps());
        if (!steps.isEmpty()) out.append('\n').append(steps);
        out.append(stepDetails(d.steps()));
        out.append('\n').append(commits(d));
        return out.toString();
    }

    /** What each step journaled (instance results, command, deployment and build ids), one key a line; empty when none did. */
    static String stepDetails(List<Step> steps) {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            if (step.state().isEmpty()) continue;
            out.append("  ").append(step.name()).append('\n');
            new java.util.TreeMap<>(step.state()).forEach((key, value) -> out.append("    %s: %s\n".formatted(key, value)));
        }
        return out.isEmpty() ? "" : "\nstep details\n" + out;
    }

    String history(List<Deployment> deployments) {
        if (deployments.isEmpty()) return "no deployments yet\n";
        TextTable table = new TextTable("ID", "Tag", "Env", "Kind", "Status", "Name", "Requested by", "Started", "Took", "Commits");
        for (Deployment d : deployments) {
            table.row(d.id().value(), d.release().tag(), d.environment(), status(d.kind()), status(d.status()), d.name(), d.requestedBy().id(),
                    date(d.createdAt()), d.duration().map(Durations::format).orElse("-"), Integer.toString(d.notes().commits().size()));
        }
        return table.render(width);
    }

    /** The four keys per environment, then each environment's weekly trend of deploys and failures, oldest week first. */
    String metrics(MetricsReport report) {
        if (report.environments().isEmpty()) return "no environment to measure\n";
        TextTable table = new TextTable("Service", "Env", "Deploys", "Lead time", "Change failure rate", "Recovery");
        for (EnvironmentMetrics m : report.environments()) {
            table.row(m.service(), m.environment(), MetricsDocument.frequency(m.keys(), report.window()), MetricsDocument.leadTime(m.keys(), m.production()),
                    MetricsDocument.failureRate(m.keys()), MetricsDocument.recovery(m.keys()));
        }
        StringBuilder trend = new StringBuilder("\nweekly trend, oldest first (succeeded deploys / failures):\n");
        for (EnvironmentMetrics m : report.environments()) {
            trend.append("  %s/%s:".formatted(m.service(), m.environment()));
            for (Week week : m.trend()) trend.append(" %d/%d".formatted(week.keys().succeeded(), week.keys().failures()));
            trend.append('\n');
        }
        return "%s to %s\n\n".formatted(date(report.from()), date(report.to())) + table.render(width) + trend;
    }

    String status(List<EnvironmentState> states) {
        if (states.isEmpty()) return "no environments\n";
        TextTable table = new TextTable("Service", "Env", "Running", "Since", "By", "Process", "Health", "Lock", "Drift");
        StringBuilder notes = new StringBuilder();
        for (EnvironmentState state : states) {
            Optional<Deployment> current = state.current();
            table.row(state.service(), state.environment(), JsonDocument.running(state).orElse("-"),
                    current.flatMap(Deployment::finishedAt).map(this::date).orElse("-"),
                    current.map(d -> d.requestedBy().id()).orElse("-"), state.liveness(), state.health().state(),
                    state.lock().map(PlainText::holder).orElse("-"), state.drift().orElse("-"));
            state.active().ifPresent(d -> notes.append("%s/%s: %s %s (%s, deployment %s, by %s)\n".formatted(state.service(), state.environment(),
                    status(d.status()), d.release().tag(), status(d.kind()), d.id(), d.requestedBy().id())));
            // The check's answer matters when the release runs: failing, or not known although the process is up.
            boolean unhealthy = state.health().state().equals(EnvironmentStatus.HealthAnswer.UNHEALTHY);
            if (unhealthy || state.alive().orElse(false) && !state.health().state().equals(EnvironmentStatus.HealthAnswer.HEALTHY)) {
                notes.append("%s/%s: %s: %s\n".formatted(state.service(), state.environment(),
                        unhealthy ? "the health check fails" : "health unknown", state.health().detail()));
            }
            state.targetDetail().ifPresent(detail -> notes.append("%s/%s: the %s target says: %s\n".formatted(state.service(), state.environment(),
                    state.target(), detail)));
            state.interrupted().forEach(d -> notes.append("%s/%s: %s was interrupted (deployment %s): run `slipway show %s`\n".formatted(
                    state.service(), state.environment(), d.release().tag(), d.id(), d.id())));
        }
        return table.render(width) + (notes.isEmpty() ? "" : "\n" + notes);
    }

    String plan(Planned plan) {
        StringBuilder out = new StringBuilder();
        out.append("plan: %s %s %s to %s from commit %s%s\n".formatted(status(plan.kind()), plan.service(), plan.tag(), plan.environment(),
                plan.commit().length() > 7 ? plan.commit().substring(0, 7) : plan.commit(), plan.branch().map(b -> " on branch " + b).orElse("")));
        plan.promotedFrom().ifPresent(from -> line(out, "promotes", "the release %s runs, as %s (`slipway promote %s %s`)".formatted(from, plan.tag(), from,
                plan.environment())));
        line(out, "running now", plan.currentTag().orElse("nothing yet"));
        line(out, "tag", plan.tagExists() ? plan.tag() + " exists already" : plan.tag() + " will be created");
        line(out, "target", plan.target());
        line(out, "approval", plan.approvalRequired() ? "required" : "not required");
        line(out, "waves", plan.delivery().wavesInWords());
        line(out, "bake", plan.delivery().bakeInWords());
        line(out, "gates", plan.delivery().gatesInWords());
        line(out, "branch", plan.branchRefusal().orElse("allowed"));
        line(out, "lock", plan.lock().map(l -> l.describe() + "; with --lock-wait, a deploy waits and then takes the branch head and the next version at the time it runs")
                .orElse("free"));
        out.append('\n').append(commits(plan.commits(), plan.currentTag()));
        String what = plan.promotedFrom().isPresent() ? "a promotion" : "a deploy with the same words";
        out.append(plan.wouldRun() ? "\n%s would start now%s\n".formatted(what, plan.approvalRequired() ? " (and wait for approval)" : "")
                : "\n%s would be refused\n".formatted(what));
        return out.toString();
    }

    static String holder(Lock lock) {
        String what = lock.deployment().map(id -> "deploying " + id).orElse(lock.reason().isBlank() ? "locked" : lock.reason());
        return "%s: %s".formatted(lock.actor(), what);
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value == null || value.isBlank()) return;
        out.append("  ").append(label).append(": ").append(" ".repeat(Math.max(0, 11 - label.length()))).append(value).append('\n');
    }
}
