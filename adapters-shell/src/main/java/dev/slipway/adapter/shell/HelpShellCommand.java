package dev.slipway.adapter.shell;

import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** {@code help [COMMAND]}: the commands with their usage lines and the exit codes, or one command's full help. */
final class HelpShellCommand extends AbstractCommand {

    /** The everyday commands, as a newcomer would type them. */
    static final List<String> OVERVIEW_EXAMPLES = List.of(
            "deploy dev                                 next patch version from the environment's branch",
            "plan dev --output json                     pre-flight for CI: exit 0 would start, 3 would be refused",
            "rollback dev --to 0.1.28-dev               bring back an earlier release",
            "promote dev prod --yes                     the release dev runs, merged, tagged and deployed to prod",
            "status --output json                       what runs where, for scripts",
            "history dev --limit 20                     the latest deployments with their commits");

    private final ShellSession session;
    private volatile CommandRegistry registry;

    HelpShellCommand(ShellSession session) {
        super("help", "List the commands and the exit codes, or show one command's help.", SlipwayCommand.GROUP,
                "help [COMMAND]: list the commands and the exit codes, or show one command's options, examples and JSON.", false);
        this.session = session;
        setCompletionProvider(context -> context.getWordIndex() == 1
                ? commands().stream().map(c -> new CompletionProposal(c.getName()).category("commands")).toList()
                : List.of());
    }

    /** The registry this help describes; set once the registry holds every command, this one included. */
    void describe(CommandRegistry commands) {
        this.registry = commands;
    }

    @Override
    public ExitStatus doExecute(CommandContext context) {
        List<CommandArgument> arguments = context.parsedInput().arguments();
        if (arguments.isEmpty()) {
            print(context, overview());
            return ExitStatus.OK;
        }
        Command command = registry.getCommandByName(arguments.getFirst().value());
        if (command == null) {
            session.errors().print("error: no command named '%s'\n\n%s".formatted(arguments.getFirst().value(), overview()));
            session.errors().flush();
            return session.isInteractive() ? ExitStatus.OK : ExitCode.BAD_INPUT.status();
        }
        print(context, command.getHelp());
        return ExitStatus.OK;
    }

    /** Every command with its usage line, how to start the shell, and the exit codes. */
    String overview() {
        String prefix = session.isInteractive() ? "" : "slipway ";
        StringBuilder out = new StringBuilder();
        if (!session.isInteractive()) {
            out.append("usage: slipway <command> [arguments] [options] [--output text|json]\n")
                    .append("       slipway init      write a commented slipway.yml for the service in this git repository, then show its plan\n")
                    .append("       slipway shell     interactive operator shell with completion and progress\n")
                    .append("       slipway demo      a guided local deployment in a scratch repository (needs no slipway.yml)\n")
                    .append("       slipway serve     the server: Slack endpoints, REST API, dashboard, webhooks (`slipway serve --help`)\n\n");
        }
        out.append("COMMANDS\n");
        for (Command command : commands()) {
            String usage = command instanceof SlipwayCommand slipway ? slipway.spec().usage() : command == this ? "help [COMMAND]" : command.getName();
            out.append("  ").append(prefix).append(usage).append("\n      ").append(command.getDescription()).append('\n');
        }
        out.append(session.isInteractive() ? "  quit\n      Leave the shell.\n" : "");
        out.append("\n`").append(prefix).append("help COMMAND` or `").append(prefix).append("COMMAND --help` shows options, examples and JSON fields.\n");
        if (!session.isInteractive()) {
            out.append("\nGLOBAL OPTIONS\n");
            CommandSpec.GLOBAL_OPTIONS.forEach((term, description) -> CommandSpec.entry(out, term, description));
            CommandSpec.entry(out, "--output text|json", "text for people; json for scripts (every command)");
            CommandSpec.entry(out, "--help, -h", "this overview; after a command, that command's help");
            CommandSpec.entry(out, "--version", "Slipway's version and the commit it was built from");
            out.append("\nENVIRONMENT\n");
            CommandSpec.entry(out, "SLIPWAY_CONFIG", "the slipway.yml, when --config is not given");
            CommandSpec.entry(out, "SLIPWAY_ACTOR", "who the audit log names (default: the operating-system user)");
            CommandSpec.entry(out, "SLIPWAY_DB_PASSWORD", "the PostgreSQL registry's password (never in slipway.yml)");
            CommandSpec.entry(out, "SLIPWAY_JAVA_OPTS", "more JVM options for the launcher; SLIPWAY_NO_AOT=1 skips the AOT cache");
        }
        out.append("\nEXAMPLES\n");
        for (String example : OVERVIEW_EXAMPLES) out.append("  ").append(prefix).append(example).append('\n');
        out.append('\n').append(ExitCode.legend());
        return out.toString();
    }

    private List<Command> commands() {
        if (registry == null) return List.of();
        return registry.getCommands().stream()
                .filter(command -> !command.isHidden())
                .sorted(Comparator.comparingInt(HelpShellCommand::rank).thenComparing(Command::getName))
                .collect(Collectors.toList());
    }

    private static int rank(Command command) {
        List<String> order = SlipwayCommands.ORDER;
        int at = order.indexOf(command.getName());
        return at < 0 ? order.size() : at;
    }

    private static void print(CommandContext context, String text) {
        context.outputWriter().print(text.endsWith("\n") ? text : text + "\n");
        context.outputWriter().flush();
    }
}
