package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Promote.PromoteCommand;
import org.springframework.shell.core.command.CommandContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code promote}: take the release running in one environment to the next one. */
final class PromoteShellCommand extends SlipwayCommand {

    private final Promote promote;

    PromoteShellCommand(ShellSession session, Choices choices, Promote promote) {
        super(new CommandSpec("promote", "Take the release running in one environment to the next: merge, tag with its pattern, deploy.",
                List.of(Parameter.argument("FROM", Kind.ENVIRONMENT, "the environment whose release is promoted"),
                        Parameter.argument("TO", Kind.ENVIRONMENT, "the environment it goes to"),
                        DeployShellCommand.SERVICE, DeployShellCommand.LOCK_WAIT, DeployShellCommand.TIMEOUT, DeployShellCommand.YES,
                        Parameter.flag("plan", "print what the promotion would do (release, tag, commits, approval, lock) and do nothing")),
                List.of("0.1.30-dev running on dev becomes v0.1.30 on prod: the commit is merged into prod's branch and tagged.",
                        "Confirmation and approval are those of TO. With --plan it exits 0 when the promotion would start and 3 when it",
                        "would be refused, as `slipway plan` does; `slipway plan TO` shows the same for an environment with promoted-from.",
                        "The reported duration counts from when the deployment started running; the wait for approval is shown apart."),
                List.of("promote dev prod --plan", "promote dev prod --yes", "promote preview prod --service atta --lock-wait 10m --output json"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENT)), session, choices);
        this.promote = promote;
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        PromoteCommand command = new PromoteCommand(invocation.find("service"), invocation.get("FROM"), invocation.get("TO"),
                invocation.duration("lock-wait").orElse(Duration.ZERO), invocation.duration("timeout"), session.actor());
        if (command.from().equals(command.to())) throw new UsageError("FROM and TO are both %s: promote to another environment".formatted(command.to()));
        if (invocation.flag("plan")) return reports().plan(promote.plan(command));
        Optional<Result> refusal = confirmed(invocation, context, command.service(), command.to(), "promote");
        return refusal.orElseGet(() -> reports().deployment(promote.promote(command)));
    }
}
