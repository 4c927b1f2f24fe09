package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.application.port.in.Rollback.RollbackCommand;
import org.springframework.shell.core.command.CommandContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code rollback}: bring back an earlier release of an environment, as a deployment of its own. */
final class RollbackShellCommand extends SlipwayCommand {

    private final Rollback rollback;

    RollbackShellCommand(ShellSession session, Choices choices, Rollback rollback) {
        super(new CommandSpec("rollback", "Bring back an earlier release of an environment, as a deployment of its own.",
                List.of(Parameter.argument("ENV", Kind.ENVIRONMENT, "the environment to roll back"),
                        Parameter.option("to", "V", Kind.VERSION, "the version or tag to return to").withFallback("the previous succeeded release"),
                        DeployShellCommand.SERVICE, DeployShellCommand.LOCK_WAIT, DeployShellCommand.TIMEOUT, DeployShellCommand.YES),
                List.of("The release must still exist (its tag and artifact); history shows which ones ran."),
                List.of("rollback dev", "rollback prod --to v0.1.28 --yes", "rollback dev --service hello --output json"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENT)), session, choices);
        this.rollback = rollback;
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        RollbackCommand command = new RollbackCommand(invocation.find("service"), invocation.get("ENV"), invocation.find("to"),
                invocation.duration("lock-wait").orElse(Duration.ZERO), invocation.duration("timeout"), session.actor());
        Optional<Result> refusal = confirmed(invocation, context, command.service(), command.environment(), "rollback");
        return refusal.orElseGet(() -> reports().deployment(rollback.rollback(command)));
    }
}
