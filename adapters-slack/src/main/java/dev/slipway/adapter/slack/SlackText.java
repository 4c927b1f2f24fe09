package dev.slipway.adapter.slack;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.presentation.OutcomePresenter;
import dev.slipway.application.presentation.Presentation;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.release.Commit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's words for the core's outcomes, in mrkdwn: the {@link OutcomePresenter}'s sentences, the same the shell and the
 * API print, escaped and with Slack ids turned into mentions.
 */
final class SlackText {

    /** A Slack actor as the core prints it ({@code U123@T9 (slack)}), a user id, or a user-group id. */
    private static final Pattern ACTOR = Pattern.compile("\\b([UW][A-Z0-9]{5,})@[A-Z0-9]+ \\(slack\\)");
    private static final Pattern USER = Pattern.compile("(?<![<@^\\w])\\b([UW](?=[A-Z0-9]*\\d)[A-Z0-9]{5,})\\b");
    private static final Pattern GROUP = Pattern.compile("(?<![<@^\\w])\\b(S(?=[A-Z0-9]*\\d)[A-Z0-9]{5,})\\b");

    private SlackText() {
    }

    /** Escapes the three characters Slack's mrkdwn reserves, then turns Slack ids into mentions. */
    static String words(String text) {
        return mentions(escape(text));
    }

    static String escape(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String mentions(String text) {
        String out = ACTOR.matcher(text).replaceAll(m -> Matcher.quoteReplacement("<@" + m.group(1) + ">"));
        out = USER.matcher(out).replaceAll(m -> Matcher.quoteReplacement("<@" + m.group(1) + ">"));
        return GROUP.matcher(out).replaceAll(m -> Matcher.quoteReplacement("<!subteam^" + m.group(1) + ">"));
    }

    static String refused(Refused r) {
        return said(OutcomePresenter.present(r));
    }

    static String invalid(Invalid i) {
        return said(OutcomePresenter.present(i));
    }

    /**
     * What the presenter says, as Slack shows it: the outcome's emoji, the shared sentence and the next step, every word
     * escaped (and Slack ids turned into mentions) by {@link #words}.
     */
    static String said(Presentation p) {
        String line = "%s %s".formatted(emoji(p.outcome()), words(p.message()));
        if (p.next() == null) return line;
        String label = p.nextStep().label();
        if (label.isEmpty()) return line + "\n" + words(p.next());
        return line + "\n*%s%s:* %s".formatted(Character.toUpperCase(label.charAt(0)), label.substring(1), words(p.next()));
    }

    private static String emoji(String outcome) {
        return switch (outcome) {
            case "succeeded", "locked", "unlocked", "ok", "planned" -> ":white_check_mark:";
            case "not_deployed", "failed" -> ":x:";
            case "rolled_back" -> ":leftwards_arrow_with_hook:";
            case "awaiting_approval" -> ":raised_hand:";
            case "cancelled" -> ":heavy_multiplication_x:";
            case "timed_out" -> ":hourglass:";
            case "refused" -> ":no_entry:";
            default -> ":warning:";
        };
    }

    /** hello 0.1.31-dev on dev */
    static String subject(Deployment d) {
        return "%s `%s` on %s".formatted(escape(d.service()), escape(d.release().tag()), escape(d.environment()));
    }

    /** The answer to whoever asked, when the live message does not already say it: the presenter's sentence and next step. */
    static String deployment(DeploymentOutcome outcome) {
        return said(OutcomePresenter.present(outcome));
    }

    static String plan(PlanOutcome outcome) {
        return switch (outcome) {
            case PlanOutcome.Planned p -> {
                StringBuilder out = new StringBuilder("*%s `%s` would %s to %s*\n".formatted(escape(p.service()), escape(p.tag()),
                        p.wouldRun() ? "deploy" : "be refused", escape(p.environment())));
                out.append("• commit `%s`%s\n".formatted(shortSha(p.commit()), p.currentTag().map(t -> ", now running `" + escape(t) + "`").orElse("")));
                out.append("• target %s%s\n".formatted(escape(p.target()), p.approvalRequired() ? ", needs approval" : ""));
                p.branchRefusal().ifPresent(why -> out.append("• :no_entry: branch: ").append(words(why)).append('\n'));
                p.lock().ifPresent(lock -> out.append("• :lock: ").append(words(lock.describe())).append('\n'));
                out.append(commits(p.commits(), p.currentTag().orElse(null)));
                yield out.toString();
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    static String lock(LockOutcome outcome) {
        return said(OutcomePresenter.present(outcome));
    }

    static String status(QueryOutcome<List<EnvironmentState>> outcome) {
        return switch (outcome) {
            case QueryOutcome.Answer<List<EnvironmentState>> a -> {
                if (a.value().isEmpty()) yield "No environment matches.";
                StringBuilder out = new StringBuilder();
                for (EnvironmentState s : a.value()) {
                    out.append("*%s/%s* (%s): ".formatted(escape(s.service()), escape(s.environment()), escape(s.target())));
                    out.append(s.current().map(d -> "runs `%s`".formatted(escape(d.release().tag()))).orElse("nothing deployed yet"));
                    s.active().ifPresent(d -> out.append(" · %s `%s` (%s)".formatted(status(d.status()), escape(d.release().tag()), d.id())));
                    s.lock().ifPresent(l -> out.append(" · :lock: ").append(holder(l)));
                    if (s.health().state().equals(EnvironmentStatus.HealthAnswer.UNHEALTHY)) {
                        out.append("\n    :x: health check failed: ").append(words(s.health().detail()));
                    }
                    s.drift().ifPresent(drift -> out.append("\n    :warning: ").append(words(drift)));
                    out.append('\n');
                }
                yield out.toString();
            }
            case Invalid i -> invalid(i);
        };
    }

    static String history(QueryOutcome<List<Deployment>> outcome) {
        return switch (outcome) {
            case QueryOutcome.Answer<List<Deployment>> a -> {
                if (a.value().isEmpty()) yield "No deployments yet.";
                StringBuilder out = new StringBuilder();
                for (Deployment d : a.value()) {
                    out.append("`%s` %s %s `%s` → %s · %s by %s%s\n".formatted(d.id(), date(d.createdAt()), status(d.kind()), escape(d.release().tag()),
                            escape(d.environment()), status(d.status()), requester(d), d.duration().map(t -> " in " + duration(t)).orElse("")));
                }
                yield out.toString();
            }
            case Invalid i -> invalid(i);
        };
    }

    static String commits(List<Commit> commits, String since) {
        if (commits.isEmpty()) return "_no new commits%s_\n".formatted(since == null ? "" : " since " + escape(since));
        StringBuilder out = new StringBuilder("*Commits%s:*\n".formatted(since == null ? "" : " since `" + escape(since) + "`"));
        commits.stream().limit(10).forEach(c -> out.append("• `%s` %s (%s)\n".formatted(shortSha(c.id().sha()), escape(firstLine(c.subject())), escape(c.author()))));
        if (commits.size() > 10) out.append("_and %d more_\n".formatted(commits.size() - 10));
        return out.toString();
    }

    /** Who asked: a mention for a Slack user, the plain id for anyone else. */
    static String requester(Deployment d) {
        return d.requestedBy().via() == dev.slipway.domain.deployment.FrontEnd.SLACK ? "<@" + d.requestedBy().id() + ">" : escape(d.requestedBy().id());
    }

    static String holder(Lock lock) {
        String what = lock.deployment().map(id -> "deploying " + id).orElse(lock.reason().isBlank() ? "locked" : lock.reason());
        return words("%s: %s".formatted(lock.actor(), what));
    }

    static String status(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A date Slack shows in the reader's own time zone, with a UTC fallback. */
    static String date(Instant at) {
        return "<!date^%d^{date_short_pretty} {time}|%s>".formatted(at.getEpochSecond(), at.toString());
    }

    /** 450ms, 3.2s, 2m05s, 1h02m, as the shell prints durations. */
    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) return millis + "ms";
        if (millis < 60_000) return "%d.%ds".formatted(millis / 1000, (millis % 1000) / 100);
        long seconds = duration.toSeconds();
        if (seconds < 3600) return "%dm%02ds".formatted(seconds / 60, seconds % 60);
        return "%dh%02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }

    static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
    }

    static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
