package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import org.springframework.shell.core.command.CommandContext;

import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.input.InputRefused;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
                        Parameter.option("limit", "N", Kind.COUNT, "how many deployments, 1 to 1000").withFallback(Integer.toString(DEFAULT_LIMIT)),
                        Parameter.option("environments", "E,E", Kind.TEXT, "only these environments, separated by commas"),
                        Parameter.option("status", "S,S", Kind.TEXT, "only these statuses, such as failed,rolled_back"),
                        Parameter.option("from", "DAY", Kind.TEXT, "only those started on or after this day (UTC), such as 2026-11-24"),
                        Parameter.option("to", "DAY", Kind.TEXT, "only those started on or before this day (UTC)")),
                List.of("`slipway show ID` prints one of them with its steps and commits. The table fits the terminal's width."),
                List.of("history", "history prod --limit 5", "history --environments dev,prod --status failed,rolled_back --from 2026-11-01",
                        "history dev --output json | jq -r '.deployments[0].tag'"),
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
        Set<String> environments = list(invocation.find("environments")).stream().map(e -> FreeText.word("--environments", e))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (String word : list(invocation.find("status"))) statuses.add(status(word));
        Optional<Instant> from = day("--from", invocation.find("from")).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
        Optional<Instant> to = day("--to", invocation.find("to")).map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return reports().history(history.history(new HistoryRequest(invocation.find("service"), invocation.find("ENV"), statuses,
                invocation.count("limit", DEFAULT_LIMIT), to, Optional.empty()).within(environments, from)));
    }

    private static List<String> list(Optional<String> text) {
        return text.map(t -> java.util.Arrays.stream(t.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList()).orElse(List.of());
    }

    private static Status status(String word) {
        try {
            return Status.valueOf(word.toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new InputRefused("--status: '%s' is not a status; statuses are %s".formatted(word,
                    java.util.Arrays.stream(Status.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    private static Optional<LocalDate> day(String option, Optional<String> text) {
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new InputRefused("%s must be a day such as 2026-11-24, not '%s'".formatted(option, text.orElse("")));
        }
    }
}
