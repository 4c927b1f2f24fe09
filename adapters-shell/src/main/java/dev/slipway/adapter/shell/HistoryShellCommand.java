package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import org.springframework.shell.core.command.CommandContext;

import java.util.List;

/** {@code history} and {@code show}: the deployments, newest first, and any one of them with its steps and commits. */
final class HistoryShellCommand extends SlipwayCommand {

    static final int DEFAULT_LIMIT = 20;

    private final DeploymentHistory history;
    private final boolean one;

    private HistoryShellCommand(CommandSpec spec, ShellSession session, Choices choices, DeploymentHistory history, boolean one) {
        super(spec, session, choices);
        this.history = history;
        this.one = one;
    }

    static HistoryShellCommand history(ShellSession session, Choices choices, DeploymentHistory history) {
        return new HistoryShellCommand(new CommandSpec("history", "List deployments, newest first: id, tag, environment, kind, status, name, who, start, duration, commits.",
                List.of(Parameter.optionalArgument("ENV", Kind.ENVIRONMENT, "only this environment (default: all)"), DeployShellCommand.SERVICE,
                        Parameter.option("limit", "N", Kind.COUNT, "how many deployments, 1 to 1000").withFallback(Integer.toString(DEFAULT_LIMIT))),
                List.of("`slipway show ID` prints one of them with its steps and commits."),
                List.of("history", "history prod --limit 5", "history dev --output json | jq -r '.deployments[0].tag'"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENTS)), session, choices, history, false);
    }

    static HistoryShellCommand show(ShellSession session, Choices choices, DeploymentHistory history) {
        return new HistoryShellCommand(new CommandSpec("show", "Show one deployment with its steps, timings and commits.",
                List.of(Parameter.argument("ID", Kind.DEPLOYMENT_ID, "the deployment, as history shows it")),
                List.of("Below the steps, `step details` lists what each step journaled: per-instance results, SSM command ids,",
                        "ECS deployment ids, build ids and their links, pids. The JSON document is the one GET /api/deployments/{id} answers."),
                List.of("show 3f2a9c01b7de", "show 3f2a9c01b7de --output json | jq '.deployment.steps'"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENT_ONLY)), session, choices, history, true);
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        if (one) return reports().show(history.deployment(invocation.get("ID")));
        return reports().history(history.history(new HistoryRequest(invocation.find("service"), invocation.find("ENV"),
                invocation.count("limit", DEFAULT_LIMIT))));
    }
}
