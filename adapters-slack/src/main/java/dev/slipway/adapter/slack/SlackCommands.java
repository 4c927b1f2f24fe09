package dev.slipway.adapter.slack;

import dev.slipway.domain.input.InputRefused;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Promote.PromoteCommand;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.application.port.in.Rollback.RollbackCommand;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The slash commands ({@code /deploy}, {@code /rollback}, {@code /promote}, {@code /deployments}) and the buttons
 * (Approve, Reject, Rollback, Retry). Every handler only reads the request and hands the work to the deployment
 * executor, so Slack gets its ack at once; a deployment's id follows from the request key ({@code slack:<team>:<trigger>}),
 * so its live message is bound before it runs and a repeated request never starts a second one.
 */
final class SlackCommands {

    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);

    /** The inbound ports the commands drive. */
    record UseCases(Deploy deploy, PlanDeployment plan, Rollback rollback, Promote promote, Approve approve, DeploymentHistory history,
                    EnvironmentStatus status, Locks locks, DeliveryMetrics metrics) {}

    /** Who asked, from where, and how to answer them. */
    private record Caller(String user, String team, String channel, String responseUrl, String requestKey) {}

    private final UseCases uses;
    private final SlackActors actors;
    private final SlackNotifier notifier;
    private final SlackReplies replies;
    private final ExecutorService executor;
    private final SlackSettings settings;

    SlackCommands(UseCases uses, SlackActors actors, SlackNotifier notifier, SlackReplies replies, ExecutorService executor, SlackSettings settings) {
        this.uses = uses;
        this.actors = actors;
        this.notifier = notifier;
        this.replies = replies;
        this.executor = executor;
        this.settings = settings;
    }

    void register(App app) {
        for (String command : new String[] {"/deploy", "/rollback", "/promote", "/deployments"}) app.command(command, this::command);
        app.blockAction(DeploymentMessage.APPROVE, (req, ctx) -> decide(req, ctx, true));
        app.blockAction(DeploymentMessage.REJECT, (req, ctx) -> decide(req, ctx, false));
        app.blockAction(DeploymentMessage.ROLLBACK, (req, ctx) -> again(req, ctx, true));
        app.blockAction(DeploymentMessage.RETRY, (req, ctx) -> again(req, ctx, false));
    }

    // ---- slash commands ----

    Response command(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        if (blank(p.getUserId()) || blank(p.getTeamId())) {
            return ctx.ack(r -> r.responseType("ephemeral").text(":warning: this request names no Slack user or team, so Slipway cannot tell who asked; nothing was run."));
        }
        Caller caller = new Caller(p.getUserId(), p.getTeamId(), p.getChannelId(), p.getResponseUrl(), "slack:%s:%s".formatted(p.getTeamId(), p.getTriggerId()));
        return switch (ChatCommand.parse(p.getCommand(), p.getText())) {
            case ChatCommand.Usage u -> ephemeral(ctx, ":warning: %s\n%s".formatted(SlackText.escape(u.problem()), ChatCommand.DEPLOY_USAGE));
            case ChatCommand.Help h -> ephemeral(ctx, "*Slipway*\n" + ChatCommand.DEPLOY_USAGE);
            case ChatCommand.Deploy d -> start(ctx, caller, "Deploying %s to %s".formatted(d.version().orElse("the branch head"), d.environment()),
                    actor -> uses.deploy().deploy(new DeployCommand(d.service(), d.environment(), d.version(), d.bump(), Optional.empty(), Optional.empty(),
                            Duration.ZERO, Optional.empty(), actor, Optional.of(caller.requestKey()))));
            case ChatCommand.Rollback r -> start(ctx, caller, "Rolling %s back%s".formatted(r.environment(), r.to().map(v -> " to " + v).orElse("")),
                    actor -> uses.rollback().rollback(new RollbackCommand(r.service(), r.environment(), r.to(), Duration.ZERO, Optional.empty(), actor,
                            Optional.of(caller.requestKey()))));
            case ChatCommand.Promote pr -> start(ctx, caller, "Promoting %s to %s".formatted(pr.from(), pr.to()),
                    actor -> uses.promote().promote(new PromoteCommand(pr.service(), pr.from(), pr.to(), Duration.ZERO, Optional.empty(), actor,
                            Optional.of(caller.requestKey()))));
            case ChatCommand.Plan pl -> query(ctx, caller, actor -> SlackText.plan(uses.plan().plan(new DeployCommand(pl.service(), pl.environment(), pl.version(),
                    pl.bump(), Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(), actor))), false);
            case ChatCommand.Status s -> query(ctx, caller, actor -> SlackText.status(uses.status().status(new StatusRequest(s.service(), s.environment()))), false);
            case ChatCommand.History hi -> query(ctx, caller, actor -> SlackText.history(uses.history().history(new HistoryRequest(hi.service(), hi.environment(), 10))),
                    false);
            case ChatCommand.Metrics m -> query(ctx, caller, actor -> SlackText.metrics(m, uses.metrics()), false);
            case ChatCommand.Lock l -> query(ctx, caller, actor -> SlackText.lock(uses.locks().lock(new Locks.LockCommand(l.service(), l.environment(), l.reason(), actor))),
                    true);
            case ChatCommand.Unlock u -> query(ctx, caller, actor -> SlackText.lock(uses.locks().unlock(new Locks.UnlockCommand(u.service(), u.environment(), actor))),
                    true);
        };
    }

    /** A command that starts a deployment: bind its live message, run it on the executor, ack now. */
    private Response start(SlashCommandContext ctx, Caller caller, String what, Function<Actor, DeploymentOutcome> useCase) {
        DeploymentId id = DeploymentId.forRequest(caller.requestKey());
        boolean bound = notifier.watch(id, caller.channel(), trouble -> replies.ephemeral(caller.responseUrl(), trouble));
        if (!submit(caller, () -> {
            DeploymentOutcome outcome = useCase.apply(actors.actor(caller.user(), caller.team()));
            answer(outcome, id, bound, caller.responseUrl());
        }, bound ? id : null)) {
            return ephemeral(ctx, ":hourglass: Slipway is busy with other deployments; try again in a minute.");
        }
        return ephemeral(ctx, ":rocket: %s (deployment `%s`); progress follows in this channel.".formatted(SlackText.escape(what), id));
    }

    /** A command that answers with words (plan, status, history, lock): ack empty now, answer through response_url. */
    private Response query(SlashCommandContext ctx, Caller caller, Function<Actor, String> useCase, boolean teamShouldKnow) {
        if (!submit(caller, () -> {
            String text = useCase.apply(actors.actor(caller.user(), caller.team()));
            if (teamShouldKnow && !text.startsWith(":no_entry:") && !text.startsWith(":warning:")) replies.inChannel(caller.responseUrl(), text);
            else replies.ephemeral(caller.responseUrl(), text);
        }, null)) {
            return ephemeral(ctx, ":hourglass: Slipway is busy; try again in a minute.");
        }
        return ctx.ack();
    }

    // ---- buttons ----

    Response decide(BlockActionRequest req, ActionContext ctx, boolean approve) {
        BlockActionPayload p = req.getPayload();
        Optional<String> malformed = malformed(p);
        if (malformed.isPresent()) {
            log.warn("refused a Slack button press: {}", malformed.get());
            if (p.getResponseUrl() != null) replies.ephemeral(p.getResponseUrl(), ":warning: " + malformed.get());
            return ctx.ack();
        }
        Caller caller = caller(p);
        String id = p.getActions().getFirst().getValue();
        String messageTs = p.getContainer() == null ? null : p.getContainer().getMessageTs();
        submit(caller, () -> {
            DeploymentId deployment = DeploymentId.of(id);
            notifier.adopt(deployment, caller.channel(), messageTs);
            Actor actor = actors.actor(caller.user(), caller.team());
            DeploymentOutcome outcome = approve
                    ? uses.approve().approve(new Approve.ApproveCommand(id, Optional.empty(), Duration.ZERO, actor))
                    : uses.approve().reject(new Approve.RejectCommand(id, Optional.empty(), actor));
            answer(outcome, deployment, false, caller.responseUrl());
        }, null);
        return ctx.ack();
    }

    /** Rollback (after a success) and Retry (after a failure) start a deployment of their own, with a message of its own. */
    Response again(BlockActionRequest req, ActionContext ctx, boolean rollback) {
        BlockActionPayload p = req.getPayload();
        Optional<String> malformed = malformed(p);
        if (malformed.isPresent()) {
            log.warn("refused a Slack button press: {}", malformed.get());
            if (p.getResponseUrl() != null) replies.ephemeral(p.getResponseUrl(), ":warning: " + malformed.get());
            return ctx.ack();
        }
        Caller caller = caller(p);
        String source = p.getActions().getFirst().getValue();
        DeploymentId id = DeploymentId.forRequest(caller.requestKey());
        boolean bound = notifier.watch(id, caller.channel(), trouble -> replies.ephemeral(caller.responseUrl(), trouble));
        submit(caller, () -> {
            Deployment before = switch (uses.history().deployment(source)) {
                case QueryOutcome.Answer<Deployment> a -> a.value();
                case Invalid i -> {
                    replies.ephemeral(caller.responseUrl(), SlackText.invalid(i));
                    yield null;
                }
            };
            if (before == null) {
                if (bound) notifier.forget(id);
                return;
            }
            Actor actor = actors.actor(caller.user(), caller.team());
            Optional<String> service = Optional.of(before.service());
            Optional<String> key = Optional.of(caller.requestKey());
            DeploymentOutcome outcome;
            if (rollback) {
                Optional<String> to = before.previous().map(r -> r.tag());
                outcome = uses.rollback().rollback(new RollbackCommand(service, before.environment(), to, Duration.ZERO, Optional.empty(), actor, key));
            } else if (before.kind() == Kind.ROLLBACK) {
                outcome = uses.rollback().rollback(new RollbackCommand(service, before.environment(), Optional.of(before.release().tag()), Duration.ZERO,
                        Optional.empty(), actor, key));
            } else {
                // The button asks for this release again on purpose, even when it is the one running.
                outcome = uses.deploy().deploy(new DeployCommand(service, before.environment(), Optional.of(before.release().tag()), Optional.empty(),
                        Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(), actor, key).redeploy(true));
            }
            answer(outcome, id, bound, caller.responseUrl());
        }, bound ? id : null);
        return ctx.ack();
    }

    /** What is wrong with a button's payload, in a sentence: no user, no action, or a value that is not a deployment id. */
    static Optional<String> malformed(BlockActionPayload p) {
        if (p.getUser() == null || blank(p.getUser().getId())) return Optional.of("this button press names no Slack user; nothing was run.");
        if (p.getActions() == null || p.getActions().isEmpty()) return Optional.of("this button press carries no action; nothing was run.");
        String value = p.getActions().getFirst().getValue();
        if (value == null || !value.matches("[0-9a-f]{12}")) {
            return Optional.of("this button does not name a deployment Slipway made; nothing was run. Use the buttons of Slipway's own messages.");
        }
        return Optional.empty();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Caller caller(BlockActionPayload p) {
        String team = p.getTeam() == null ? null : p.getTeam().getId();
        String channel = p.getChannel() == null ? null : p.getChannel().getId();
        return new Caller(p.getUser().getId(), team, channel, p.getResponseUrl(), "slack:%s:%s".formatted(team, p.getTriggerId()));
    }

    // ---- answers ----

    /**
     * After a use case: the live message shows the deployment's state; whoever asked hears, only to themself, what the
     * message cannot say (a refusal, bad input, a timeout).
     */
    private void answer(DeploymentOutcome outcome, DeploymentId id, boolean bound, String responseUrl) {
        switch (outcome) {
            case DeploymentOutcome.Succeeded s -> notifier.show(s.deployment());
            case DeploymentOutcome.NotDeployed n -> notifier.show(n.deployment());
            case DeploymentOutcome.RolledBack r -> notifier.show(r.deployment());
            case DeploymentOutcome.Failed f -> notifier.show(f.deployment());
            case DeploymentOutcome.Cancelled c -> notifier.show(c.deployment());
            case DeploymentOutcome.AwaitingApproval a -> {
                notifier.show(a.deployment());
                settings.approvals().ifPresent(channel -> notifier.alsoIn(a.deployment().id(), channel));
            }
            case DeploymentOutcome.TimedOut t -> {
                if (bound) notifier.forget(id);
                replies.ephemeral(responseUrl, SlackText.deployment(t));
            }
            case Refused r -> {
                if (bound) notifier.forget(id);
                replies.ephemeral(responseUrl, SlackText.refused(r));
            }
            case Invalid i -> {
                if (bound) notifier.forget(id);
                replies.ephemeral(responseUrl, SlackText.invalid(i) + "\n" + ChatCommand.DEPLOY_USAGE);
            }
        }
    }

    /** Runs {@code work} on the deployment executor; false when the executor is full (the binding of {@code bound} is dropped). */
    private boolean submit(Caller caller, Runnable work, DeploymentId bound) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    if (bound != null) notifier.forget(bound);
                    String message = switch (e) {
                        case InputRefused refused -> ":warning: *Invalid:* " + SlackText.escape(refused.getMessage());
                        case OutsideSystemFailure outside -> ":boom: " + SlackText.escape(outside.getMessage()
                                + (outside.retryable() ? " (trying again later may help)" : ""));
                        default -> ":boom: Slipway failed to answer this request; the server log has the details. Try again, or ask whoever runs Slipway.";
                    };
                    if (e instanceof InputRefused || e instanceof OutsideSystemFailure) log.warn("Slack request of {} failed: {}", caller.user(), e.getMessage());
                    else log.error("Slack request of {} failed unexpectedly", caller.user(), e);
                    replies.ephemeral(caller.responseUrl(), message);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            if (bound != null) notifier.forget(bound);
            log.warn("deployment executor is full: refused a Slack request of {}", caller.user());
            return false;
        }
    }

    private static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(r -> r.responseType("ephemeral").text(text));
    }
}
