package dev.slipway.adapter.slack;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * The live message of one deployment as Slack blocks: who asked for which version, a checklist of its steps with
 * done/failed/running marks and their latest progress (a bake's countdown, a line per wave of a roll-out in waves), the elapsed time, the commits it brings, and the buttons that fit its state (Approve and
 * Reject while it waits, Rollback after success, Retry after failure).
 */
record DeploymentMessage(String text, List<LayoutBlock> blocks) {

    static final String APPROVE = "slipway.approve";
    static final String REJECT = "slipway.reject";
    static final String ROLLBACK = "slipway.rollback";
    static final String RETRY = "slipway.retry";
    /** Details longer than this go to the message's thread; the checklist shows their first line. */
    static final int SHORT_DETAIL = 150;

    static DeploymentMessage of(Deployment d, Instant now) {
        String headline = "%s %s · %s %s by %s".formatted(mark(d.status()), SlackText.subject(d), SlackText.status(d.kind()), d.id(), SlackText.requester(d));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*%s* %s".formatted(SlackText.subject(d), SlackText.status(d.kind()))))));
        Duration elapsed = Duration.between(d.createdAt(), d.finishedAt().orElse(now.isBefore(d.createdAt()) ? d.createdAt() : now));
        blocks.add(context(c -> c.elements(List.of(markdownText("%s *%s* · %s · requested by %s · deployment `%s`%s".formatted(mark(d.status()),
                SlackText.status(d.status()), SlackText.duration(elapsed), SlackText.requester(d), d.id(),
                d.previous().map(p -> " · replaces `" + SlackText.escape(p.tag()) + "`").orElse("")))))));
        if (!d.steps().isEmpty()) blocks.add(section(s -> s.text(markdownText(checklist(d.steps())))));
        d.failure().ifPresent(why -> blocks.add(section(s -> s.text(markdownText(":warning: " + SlackText.words(cut(why, 2500)))))));
        d.restored().filter(r -> d.status() == Status.ROLLED_BACK).ifPresent(r ->
                blocks.add(section(s -> s.text(markdownText(":leftwards_arrow_with_hook: rolled back: `%s` runs again".formatted(SlackText.escape(r.tag())))))));
        approval(d).ifPresent(blocks::add);
        if (!d.notes().commits().isEmpty() || d.notes().since().isPresent()) {
            blocks.add(section(s -> s.text(markdownText(cut(SlackText.commits(d.notes().commits(), d.notes().since().orElse(null)), 2900)))));
        }
        List<BlockElement> buttons = buttons(d);
        if (!buttons.isEmpty()) blocks.add(actions(a -> a.blockId("slipway.actions." + d.id()).elements(buttons)));
        return new DeploymentMessage(headline, blocks);
    }

    private static String checklist(List<Step> steps) {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            out.append(switch (step.status()) {
                case SUCCEEDED -> ":white_check_mark: ";
                case FAILED -> ":x: ";
                case RUNNING -> ":arrows_counterclockwise: ";
                case SKIPPED -> ":fast_forward: ";
            });
            out.append('*').append(SlackText.escape(step.name())).append('*');
            String detail = SlackText.firstLine(step.detail());
            if (!detail.isBlank()) out.append(" ").append(SlackText.words(cut(detail, SHORT_DETAIL)));
            if (isLong(step.detail())) out.append(" _(full output in the thread)_");
            step.elapsed().ifPresent(took -> out.append(" (").append(SlackText.duration(took)).append(')'));
            out.append('\n');
            waves(step).forEach(line -> out.append("      ↳ ").append(SlackText.words(cut(line, SHORT_DETAIL))).append('\n'));
        }
        return cut(out.toString(), 2900);
    }

    /** A line per wave a roll-out in waves journaled ({@code wave 2} → "wave 2: failed on 1 of 4: i-…"), in wave order. */
    static List<String> waves(Step step) {
        java.util.TreeMap<Integer, String> waves = new java.util.TreeMap<>();
        step.state().forEach((key, value) -> {
            java.util.regex.Matcher m = WAVE.matcher(key);
            if (m.matches()) waves.put(Integer.parseInt(m.group(1)), key + ": " + value);
        });
        return List.copyOf(waves.values());
    }

    private static final java.util.regex.Pattern WAVE = java.util.regex.Pattern.compile("wave (\\d{1,3})");

    private static java.util.Optional<LayoutBlock> approval(Deployment d) {
        return d.approval().map(a -> switch (a.decision()) {
            case PENDING -> section(s -> s.text(markdownText(":raised_hand: Waiting for approval until %s: anyone allowed but %s may approve."
                    .formatted(SlackText.date(a.expiresAt()), SlackText.requester(d)))));
            case APPROVED -> context(c -> c.elements(List.of(markdownText(":thumbsup: approved by %s%s".formatted(decider(a), comment(a))))));
            case REJECTED -> context(c -> c.elements(List.of(markdownText(":thumbsdown: rejected by %s%s".formatted(decider(a), comment(a))))));
            case EXPIRED -> context(c -> c.elements(List.of(markdownText(":hourglass: the approval request expired"))));
        });
    }

    private static List<BlockElement> buttons(Deployment d) {
        List<BlockElement> buttons = new ArrayList<>();
        String id = d.id().value();
        boolean pending = d.status() == Status.AWAITING_APPROVAL && d.approval().map(a -> a.decision() == Approval.Decision.PENDING).orElse(false);
        if (pending) {
            buttons.add(button(APPROVE, "Approve", id, "primary", null));
            buttons.add(button(REJECT, "Reject", id, "danger", null));
        } else if (d.status() == Status.SUCCEEDED && d.previous().isPresent()) {
            String back = d.previous().get().tag();
            buttons.add(button(ROLLBACK, "Rollback to " + back, id, "danger", ConfirmationDialogObject.builder()
                    .title(plainText("Roll back?")).text(markdownText("Bring `%s` back on %s?".formatted(SlackText.escape(back), SlackText.escape(d.environment()))))
                    .confirm(plainText("Roll back")).deny(plainText("Cancel")).build()));
        } else if (d.status() == Status.FAILED || d.status() == Status.ROLLED_BACK || d.status() == Status.ROLLBACK_FAILED || d.status() == Status.INTERRUPTED) {
            buttons.add(button(RETRY, "Retry", id, "primary", null));
        }
        return buttons;
    }

    private static ButtonElement button(String action, String label, String value, String style, ConfirmationDialogObject confirm) {
        return ButtonElement.builder().actionId(action).text(plainText(label)).value(value).style(style).confirm(confirm).build();
    }

    static boolean isLong(String detail) {
        return detail != null && (detail.length() > SHORT_DETAIL || detail.strip().lines().count() > 1);
    }

    private static String decider(Approval a) {
        return a.decidedBy().map(by -> by.via() == dev.slipway.domain.deployment.FrontEnd.SLACK ? SlackText.mention(by.id()) : SlackText.escape(by.id()))
                .orElse("nobody");
    }

    private static String comment(Approval a) {
        return a.comment() == null || a.comment().isBlank() ? "" : ": " + SlackText.escape(a.comment());
    }

    static String mark(Status status) {
        return switch (status) {
            case PLANNED, RUNNING -> ":arrows_counterclockwise:";
            case AWAITING_APPROVAL -> ":raised_hand:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED, ROLLBACK_FAILED, INTERRUPTED -> ":x:";
            case ROLLING_BACK -> ":rewind:";
            case ROLLED_BACK -> ":leftwards_arrow_with_hook:";
            case CANCELLED -> ":heavy_multiplication_x:";
        };
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

}
