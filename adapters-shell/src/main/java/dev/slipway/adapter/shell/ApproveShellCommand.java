package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.Approve.ApproveCommand;
import dev.slipway.application.port.in.Approve.RejectCommand;
import org.springframework.shell.core.command.CommandContext;

import java.time.Duration;
import java.util.List;

/** {@code approve} and {@code reject}: decide on a deployment that waits for approval. */
final class ApproveShellCommand extends SlipwayCommand {

    private static final Parameter ID = Parameter.argument("ID", Kind.DEPLOYMENT_ID, "the deployment waiting for approval, as history shows it");

    private final Approve approve;
    private final boolean approving;

    private ApproveShellCommand(CommandSpec spec, ShellSession session, Choices choices, Approve approve, boolean approving) {
        super(spec, session, choices);
        this.approve = approve;
        this.approving = approving;
    }

    static ApproveShellCommand approve(ShellSession session, Choices choices, Approve approve) {
        return new ApproveShellCommand(new CommandSpec("approve", "Approve a deployment that waits for approval; it runs at once, here.",
                List.of(ID, Parameter.option("comment", "C", Kind.TEXT, "why, kept with the approval"), DeployShellCommand.LOCK_WAIT),
                List.of("Whoever asked for a deployment cannot approve it too; the environment may name its approvers.",
                        "The approved deployment runs in this process, with progress and exit code as for deploy."),
                List.of("approve 3f2a9c01b7de", "approve 3f2a9c01b7de --comment \"checked the migration\" --output json"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENT)), session, choices, approve, true);
    }

    static ApproveShellCommand reject(ShellSession session, Choices choices, Approve approve) {
        return new ApproveShellCommand(new CommandSpec("reject", "Reject a deployment that waits for approval; it is cancelled.",
                List.of(ID, Parameter.option("reason", "R", Kind.TEXT, "why, shown to whoever asked")),
                List.of("The rejected deployment is cancelled; the answer says so with the status word cancelled and exit code 0."),
                List.of("reject 3f2a9c01b7de --reason \"wait for the freeze to end\""),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENT)), session, choices, approve, false);
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        String id = invocation.get("ID");
        if (approving) {
            return reports().deployment(approve.approve(new ApproveCommand(id, invocation.find("comment"),
                    invocation.duration("lock-wait").orElse(Duration.ZERO), session.actor())));
        }
        return reports().rejection(approve.reject(new RejectCommand(id, invocation.find("reason"), session.actor())));
    }
}
