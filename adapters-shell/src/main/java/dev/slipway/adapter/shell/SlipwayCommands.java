package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.domain.environment.Catalog;
import org.springframework.shell.core.command.CommandRegistry;

import java.util.List;

/** The one command set both modes share, built over the inbound ports and registered with Spring Shell. */
public final class SlipwayCommands {

    /** The order help lists them in: the everyday ones first. */
    static final List<String> ORDER = List.of("deploy", "plan", "rollback", "promote", "approve", "reject", "status", "history", "show", "metrics",
            "lock", "unlock", "help");

    private SlipwayCommands() {
    }

    /** A registry holding every Slipway command and {@code help}. */
    public static CommandRegistry registry(ShellSession session, Catalog catalog, Deploy deploy, PlanDeployment plan, Rollback rollback,
                                           Promote promote, Approve approve, DeploymentHistory history, EnvironmentStatus status, Locks locks,
                                           DeliveryMetrics metrics) {
        Choices choices = new Choices(catalog, history);
        CommandRegistry registry = new CommandRegistry();
        registry.registerCommand(DeployShellCommand.deploy(session, choices, deploy, plan).promotingWith(promote));
        registry.registerCommand(DeployShellCommand.plan(session, choices, deploy, plan).promotingWith(promote));
        registry.registerCommand(new RollbackShellCommand(session, choices, rollback));
        registry.registerCommand(new PromoteShellCommand(session, choices, promote));
        registry.registerCommand(ApproveShellCommand.approve(session, choices, approve));
        registry.registerCommand(ApproveShellCommand.reject(session, choices, approve));
        registry.registerCommand(new StatusShellCommand(session, choices, status));
        registry.registerCommand(HistoryShellCommand.history(session, choices, history));
        registry.registerCommand(HistoryShellCommand.show(session, choices, history));
        registry.registerCommand(new MetricsShellCommand(session, choices, metrics));
        registry.registerCommand(LockShellCommand.lock(session, choices, locks));
        registry.registerCommand(LockShellCommand.unlock(session, choices, locks));
        HelpShellCommand help = new HelpShellCommand(session);
        registry.registerCommand(help);
        help.describe(registry);
        return registry;
    }
}
