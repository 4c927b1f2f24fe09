package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.Locks.LockCommand;
import dev.slipway.application.port.in.Locks.UnlockCommand;
import org.springframework.shell.core.command.CommandContext;

import java.util.List;

/** {@code lock} and {@code unlock}: hold an environment so nobody deploys to it (a freeze), and let it go. */
final class LockShellCommand extends SlipwayCommand {

    private static final Parameter ENV = Parameter.argument("ENV", Kind.ENVIRONMENT, "the environment to hold or release");

    private final Locks locks;
    private final boolean locking;

    private LockShellCommand(CommandSpec spec, ShellSession session, Choices choices, Locks locks, boolean locking) {
        super(spec, session, choices);
        this.locks = locks;
        this.locking = locking;
    }

    static LockShellCommand lock(ShellSession session, Choices choices, Locks locks) {
        return new LockShellCommand(new CommandSpec("lock", "Hold an environment so nobody deploys to it until it is unlocked (a freeze).",
                List.of(ENV, Parameter.requiredOption("reason", "R", Kind.TEXT, "why, shown to whoever is refused"), DeployShellCommand.SERVICE),
                List.of("A manual lock holds until someone unlocks it; deployments are refused with exit code 3 meanwhile."),
                List.of("lock prod --reason \"release freeze until Monday\"", "lock dev --service hello --reason \"debugging\" --output json"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.LOCK)), session, choices, locks, true);
    }

    static LockShellCommand unlock(ShellSession session, Choices choices, Locks locks) {
        return new LockShellCommand(new CommandSpec("unlock", "Release a manual lock on an environment.",
                List.of(ENV, DeployShellCommand.SERVICE),
                List.of("The answer names who held it and why. Unlocking an environment that is not locked succeeds (exit 0): it says so."),
                List.of("unlock prod", "unlock dev --service hello --output json"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.LOCK)), session, choices, locks, false);
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        if (locking) {
            return reports().lock(locks.lock(new LockCommand(invocation.find("service"), invocation.get("ENV"), invocation.get("reason"), session.actor())));
        }
        return reports().lock(locks.unlock(new UnlockCommand(invocation.find("service"), invocation.get("ENV"), session.actor())));
    }
}
