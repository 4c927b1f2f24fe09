package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.EnvironmentStatus.StatusRequest;
import org.springframework.shell.core.command.CommandContext;

import java.util.List;

/**
 * {@code status}: what each environment runs, since when, whether its process is up and what its health check answers
 * now, its lock and drift; bounded by {@code --timeout} (10s by default) for the whole command.
 */
final class StatusShellCommand extends SlipwayCommand {

    private final EnvironmentStatus status;

    StatusShellCommand(ShellSession session, Choices choices, EnvironmentStatus status) {
        super(new CommandSpec("status", "Show what each environment runs, since when and by whom, its health, lock and drift.",
                List.of(Parameter.optionalArgument("ENV", Kind.ENVIRONMENT, "only this environment (default: all)"), DeployShellCommand.SERVICE,
                        Parameter.option("timeout", "D", Kind.DURATION, "the longest the whole command may take, such as 5s (default 10s)"),
                        Parameter.flag("check", "exit 1 when a deployed environment is down, unhealthy or drifting (a check for scripts and monitors)")),
                List.of("Process says whether the target reports the release running (up, down, unknown); Health is what the environment's",
                        "health check answers right now (healthy, unhealthy, unknown), run once per environment within the timeout.",
                        "A target or check that does not answer in time is shown as unknown (no answer within the timeout).",
                        "Drift names an environment whose target runs something other than the registry says.",
                        "With --check the table is printed as always and each environment that is down, unhealthy or drifting is named on",
                        "stderr; the exit code is 1 when there is one (outcome check_failed), 0 when none. An environment where nothing was",
                        "deployed yet, or whose answer is unknown, does not fail the check."),
                List.of("status", "status prod", "status --check || page-the-on-call", "status --service hello --output json | jq '.environments[] | {environment, running}'"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.ENVIRONMENTS)), session, choices);
        this.status = status;
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        var answer = status.status(new StatusRequest(invocation.find("service"), invocation.find("ENV"), invocation.duration("timeout")
                .filter(t -> !t.isZero())));
        return invocation.flag("check") ? reports().statusCheck(answer) : reports().status(answer);
    }
}
