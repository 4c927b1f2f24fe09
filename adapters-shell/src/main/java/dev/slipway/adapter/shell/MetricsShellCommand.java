package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import org.springframework.shell.core.command.CommandContext;

import java.util.List;

/** {@code metrics}: the four delivery keys (DORA) per environment over a window, 30 days unless {@code --since} says otherwise. */
final class MetricsShellCommand extends SlipwayCommand {

    private final DeliveryMetrics metrics;

    MetricsShellCommand(ShellSession session, Choices choices, DeliveryMetrics metrics) {
        super(new CommandSpec("metrics", "Show the four delivery keys per environment: deploys, lead time, change failure rate, recovery.",
                List.of(Parameter.optionalArgument("ENV", Kind.ENVIRONMENT, "only this environment (default: all)"), DeployShellCommand.SERVICE,
                        Parameter.option("since", "D", Kind.DURATION, "the window, ending now, from 1d to 366d").withFallback("30d")),
                List.of("Deploys: succeeded deploys and promotions (not rollbacks) a week. Lead time: from each commit's author time to the",
                        "first succeeded deployment bringing it to an environment with production: true (median and p90). Change failure rate:",
                        "deploys that failed, rolled back, failed to roll back, or were taken out by a later rollback, over all deploys with a",
                        "verdict. Recovery: from a failed deploy to the environment's next succeeded deployment (median). See the README."),
                List.of("metrics", "metrics prod --since 90d", "metrics --output json | jq '.metrics.environments[] | {environment, keys}'"),
                DeployShellCommand.concat(JsonDocument.COMMON, JsonDocument.METRICS)), session, choices);
        this.metrics = metrics;
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        MetricsRequest request = new MetricsRequest(invocation.find("service"), invocation.find("ENV"),
                invocation.duration("since").orElse(DeliveryMetrics.DEFAULT_WINDOW));
        return reports().metrics(metrics.metrics(request));
    }
}
