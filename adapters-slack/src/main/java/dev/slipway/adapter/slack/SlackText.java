package dev.slipway.adapter.slack;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.EnvironmentState;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.PlanOutcome;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.presentation.MetricsDocument;
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
 * API print. Every piece of text that comes from data (names, summaries, reasons, step details, log lines) goes through
 * {@link #escape}, so no mention, link or broken code fence can come from it; the only mentions are Slipway's own,
 * made from actor ids and configuration (who asked, who decided, who holds a lock, who may approve).
 */
final class SlackText {

    /** A Slack actor as the core prints it ({@code U123@T9 (slack)}): only ever matched against a whole actor field. */
    private static final Pattern ACTOR = Pattern.compile("([UW][A-Z0-9]{5,})@[A-Z0-9]+ \\(slack\\)");
    private static final Pattern ACTOR_IN_TEXT = Pattern.compile("\\b([UW][A-Z0-9]{5,})@[A-Z0-9]+ \\(slack\\)");
    /** A Slack user or user-group id, in the approvers list the core builds from slipway.yml. */
    private static final Pattern APPROVER = Pattern.compile("(?<![<@^\\w])\\b([UWS](?=[A-Z0-9]*\\d)[A-Z0-9]{5,})\\b");

    private SlackText() {
    }

    /** Text from data, safe in any Slack surface: {@link #escape}d, with no mention made from it. */
    static String words(String text) {
        return escape(text);
    }

    /**
     * The one escaping function for user- and release-originated text: Slack's three reserved characters become entities
     * (so {@code <!channel>}, {@code <@U1>}, {@code <!subteam^S1>} and {@code <http://x|y>} show as typed), and no two
     * backticks stay adjacent (so the text can neither open nor close a code fence).
     */
    static String escape(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replaceAll("`(?=`)", "`\u200B");
    }

    /** A block of output (step details, a failure's text) inside a code fence it cannot break out of. */
    static String fenced(String text) {
        return "```" + escape(text == null ? "" : text.strip()) + "```";
    }

    /** An actor field as the core records it: a mention when it is a Slack actor, the escaped text otherwise. */
    static String actor(String actor) {
        if (actor == null) return "";
        Matcher slack = ACTOR.matcher(actor.strip());
        return slack.matches() ? "<@" + slack.group(1) + ">" : escape(actor);
    }

    /**
     * Words the core builds from Slipway's own configuration and actor ids only (how to approve; a role refusal, which
     * names the requester and the members that hold the role): those ids become Slipway's own mentions. Never used on
     * text that carries data a person typed.
     */
    static String approvers(String text) {
        String out = ACTOR_IN_TEXT.matcher(escape(text)).replaceAll(m -> Matcher.quoteReplacement("<@" + m.group(1) + ">"));
        return APPROVER.matcher(out).replaceAll(m -> Matcher.quoteReplacement((m.group(1).startsWith("S") ? "<!subteam^" : "<@") + m.group(1) + ">"));
    }

    static String refused(Refused r) {
        // A role refusal is built from the actor and slipway.access alone; every other reason may carry typed text (a lock's reason).
        boolean own = r.rule() != null && r.rule().startsWith("role:");
        return own ? said(OutcomePresenter.present(r), SlackText::approvers) : said(OutcomePresenter.present(r));
    }

    static String invalid(Invalid i) {
        return said(OutcomePresenter.present(i));
    }

    /**
     * What the presenter says, as Slack shows it: the outcome's emoji, the shared sentence and the next step, every word
     * escaped (and Slack ids turned into mentions) by {@link #words}.
     */
    static String said(Presentation p) {
        return said(p, SlackText::words);
    }

    /** The presenter's sentence and next step, each written through {@code text}: {@link #words} for anything from data. */
    static String said(Presentation p, java.util.function.UnaryOperator<String> text) {
        String line = "%s %s".formatted(emoji(p.outcome()), text.apply(p.message()));
        if (p.next() == null) return line;
        String label = p.nextStep().label();
        if (label.isEmpty()) return line + "\n" + text.apply(p.next());
        return line + "\n*%s%s:* %s".formatted(Character.toUpperCase(label.charAt(0)), label.substring(1), text.apply(p.next()));
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
        return switch (outcome) {
            // How to approve names the approvers from slipway.access: Slipway's own mentions.
            case DeploymentOutcome.AwaitingApproval a -> said(OutcomePresenter.present(outcome), SlackText::approvers);
            case Refused r -> refused(r);
            default -> said(OutcomePresenter.present(outcome));
        };
    }

    static String plan(PlanOutcome outcome) {
        return switch (outcome) {
            case PlanOutcome.Planned p -> {
                StringBuilder out = new StringBuilder("*%s `%s` would %s to %s*\n".formatted(escape(p.service()), escape(p.tag()),
                        p.wouldRun() ? "deploy" : "be refused", escape(p.environment())));
                out.append("• commit `%s`%s\n".formatted(shortSha(p.commit()), p.currentTag().map(t -> ", now running `" + escape(t) + "`").orElse("")));
                out.append("• target %s%s\n".formatted(escape(p.target()), p.approvalRequired() ? ", needs approval" : ""));
                if (p.delivery().waves().isPresent() || !p.delivery().bake().isZero() || !p.delivery().gates().isEmpty()) {
                    out.append("• waves %s · bake %s · gates: %s\n".formatted(escape(p.delivery().wavesInWords()), escape(p.delivery().bakeInWords()),
                            escape(p.delivery().gatesInWords())));
                }
                p.branchRefusal().ifPresent(why -> out.append("• :no_entry: branch: ").append(words(why)).append('\n'));
                p.lock().ifPresent(lock -> out.append("• :lock: ").append(words(lock.describe())).append('\n'));
                out.append(commits(p.commits(), p.currentTag().orElse(null)));
                yield out.toString();
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    /** The presenter's lock sentences, with the holder as Slipway's own mention and the next step as Slack's command. */
    static String lock(LockOutcome outcome) {
        return switch (outcome) {
            case LockOutcome.Locked l -> ":lock: locked %s: nobody deploys there until `/deploy unlock %s --service %s`".formatted(escape(l.lock().key().toString()),
                    escape(l.lock().key().environment()), escape(l.lock().key().service()));
            case LockOutcome.Unlocked u -> ":unlock: unlocked %s (was held by %s)".formatted(escape(u.released().key().toString()), holder(u.released()));
            case LockOutcome.NotLocked n -> ":unlock: %s was not locked; nothing to do".formatted(escape(n.key().toString()));
            case Refused r -> refused(r);
            case Invalid i -> said(OutcomePresenter.present(i));
        };
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

    /** {@code /deploy metrics}: one line of the four keys per environment, the weekly trend, and where to look next. */
    static String metrics(ChatCommand.Metrics asked, DeliveryMetrics metrics) {
        DeliveryMetrics.MetricsRequest request;
        try {
            request = new DeliveryMetrics.MetricsRequest(asked.service(), asked.environment(),
                    asked.since().map(s -> dev.slipway.domain.input.Durations.parse("--since", s)).orElse(DeliveryMetrics.DEFAULT_WINDOW));
        } catch (IllegalArgumentException e) {
            return ":warning: %s\nTry `/deploy metrics prod --since 90d`.".formatted(escape(e.getMessage()));
        }
        return switch (metrics.metrics(request)) {
            case QueryOutcome.Answer<DeliveryMetrics.MetricsReport> a -> {
                DeliveryMetrics.MetricsReport report = a.value();
                StringBuilder out = new StringBuilder("*Delivery metrics, %s to %s*\n".formatted(escape(dev.slipway.application.presentation.Words.time(report.from())),
                        escape(dev.slipway.application.presentation.Words.time(report.to()))));
                for (DeliveryMetrics.EnvironmentMetrics m : report.environments()) {
                    out.append("• ").append(escape(MetricsDocument.line(m, report.window())));
                    out.append(" · weekly succeeded/failed, oldest first:");
                    for (DeliveryMetrics.Week week : m.trend()) out.append(" %d/%d".formatted(week.keys().succeeded(), week.keys().failures()));
                    out.append('\n');
                }
                yield out.append("_Next: `/deployments <env>` lists the deployments behind these figures; the README defines each key._").toString();
            }
            case Invalid i -> invalid(i);
        };
    }

    /** The weekly digest: what shipped to each environment, then the four keys of this week against the week before. */
    static final int DIGEST_RELEASES_SHOWN = 10;
    static final int DIGEST_NAME_SHOWN = 80;

    static String digest(dev.slipway.application.port.in.WeeklyDigest.Digest digest) {
        StringBuilder out = new StringBuilder("*Weekly digest, %s to %s*\n*Shipped*\n".formatted(
                escape(dev.slipway.application.presentation.Words.time(digest.from())), escape(dev.slipway.application.presentation.Words.time(digest.to()))));
        if (digest.shipped().isEmpty()) out.append("_nothing shipped this week_\n");
        String place = null;
        int shown = 0;
        int more = 0;
        for (dev.slipway.application.port.in.WeeklyDigest.Shipped s : digest.shipped()) {
            String here = s.service() + "/" + s.environment();
            if (!here.equals(place)) {
                if (more > 0) out.append(" and %d more;".formatted(more));
                out.append(place == null ? "" : "\n").append("• ").append(escape(here)).append(':');
                place = here;
                shown = 0;
                more = 0;
            }
            // A busy week must still fit one Slack message (40 000 characters): a few releases an environment, then a count.
            if (shown == DIGEST_RELEASES_SHOWN) {
                more++;
                continue;
            }
            shown++;
            out.append(" `%s` %s%s;".formatted(escape(s.tag()), escape(abbreviate(firstLine(s.name()), DIGEST_NAME_SHOWN)),
                    s.authors().isEmpty() ? "" : " (" + escape(abbreviate(String.join(", ", s.authors()), DIGEST_NAME_SHOWN)) + ")"));
        }
        if (more > 0) out.append(" and %d more;".formatted(more));
        if (place != null) out.append('\n');
        out.append("*The four keys, this week against the week before*\n");
        for (DeliveryMetrics.EnvironmentMetrics m : digest.metrics().environments()) {
            if (m.trend().size() < 2) continue;
            DeliveryMetrics.Keys before = m.trend().get(m.trend().size() - 2).keys();
            DeliveryMetrics.Keys now = m.trend().getLast().keys();
            if (now.deploys() == 0 && before.deploys() == 0) continue;
            out.append("• %s/%s: deploys %d (was %d, %s%d); lead time %s (was %s); change failure rate %s (was %s); recovery %s (was %s)\n".formatted(
                    escape(m.service()), escape(m.environment()), now.succeeded(), before.succeeded(), now.succeeded() >= before.succeeded() ? "+" : "",
                    now.succeeded() - before.succeeded(),
                    m.production() ? now.leadTimeMedian().map(SlackText::duration).orElse("none") : "not measured",
                    m.production() ? before.leadTimeMedian().map(SlackText::duration).orElse("none") : "not measured",
                    escape(MetricsDocument.failureRate(now)), escape(MetricsDocument.failureRate(before)),
                    now.recoveryMedian().map(SlackText::duration).orElse("none"), before.recoveryMedian().map(SlackText::duration).orElse("none")));
        }
        return out.append("_Next: `/deploy metrics --since 90d` for a longer view; the README defines each key._").toString();
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
        return d.requestedBy().via() == dev.slipway.domain.deployment.FrontEnd.SLACK ? mention(d.requestedBy().id()) : escape(d.requestedBy().id());
    }

    /** A mention of a Slack user id; anything that is not an id is shown as escaped text. */
    static String mention(String userId) {
        return userId != null && userId.matches("[UW][A-Z0-9]{2,}") ? "<@" + userId + ">" : escape(userId);
    }

    static String holder(Lock lock) {
        String what = lock.deployment().map(id -> "deploying " + id).orElse(lock.reason().isBlank() ? "locked" : lock.reason());
        return "%s: %s".formatted(actor(String.valueOf(lock.actor())), escape(what));
    }

    static String status(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A date Slack shows in the reader's own time zone, with a UTC fallback. */
    static String date(Instant at) {
        return "<!date^%d^{date_short_pretty} {time}|%s>".formatted(at.getEpochSecond(), at.toString());
    }

    /** 450ms, 3.2s, 2m05s, 1h02m, as the shell prints durations. */
    /** At most {@code max} characters of {@code text}, with an ellipsis when some were left out. */
    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String duration(Duration duration) {
        return dev.slipway.application.presentation.Words.duration(duration);
    }

    static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
    }

    static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
