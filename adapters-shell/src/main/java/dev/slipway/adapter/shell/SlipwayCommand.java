package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.Invalid;
import dev.slipway.domain.input.InputRefused;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.environment.Environment;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Slipway command as Spring Shell runs it, in either mode: checks the words against the command's
 * {@link CommandSpec}, answers {@code --help}, asks the inbound port, and prints the {@link Result} as text or JSON.
 * It never throws: whatever happens becomes an exit code and a message.
 */
abstract class SlipwayCommand extends AbstractCommand {

    static final String GROUP = "Slipway";

    protected final ShellSession session;
    protected final Choices choices;
    private final CommandSpec spec;

    SlipwayCommand(CommandSpec spec, ShellSession session, Choices choices) {
        super(spec.name(), spec.description(), GROUP, spec.help(), false);
        this.spec = spec;
        this.session = session;
        this.choices = choices;
        setOptions(spec.options().stream().map(Parameter::toOption).toList());
        setCompletionProvider(this::complete);
    }

    CommandSpec spec() {
        return spec;
    }

    /** Asks the port and reports what it answered; the invocation is well-formed and its names are known. */
    abstract Result run(Invocation invocation, CommandContext context);

    @Override
    public ExitStatus doExecute(CommandContext context) {
        if (!session.isInteractive()) return executeHere(context);
        return session.cancellable(() -> executeHere(context), deployment -> {
            PrintWriter out = context.outputWriter();
            out.print(deployment.map(id -> "\nCtrl-C: deployment %s goes on in the background (its progress keeps appearing here); follow it with `show %s`\n"
                    .formatted(id, id)).orElse("\nCtrl-C: %s cancelled; nothing was deployed\n".formatted(spec.name())));
            out.flush();
            return ExitStatus.OK;
        });
    }

    private ExitStatus executeHere(CommandContext context) {
        OutputFormat format = Invocation.outputOf(context.parsedInput());
        Result result;
        try {
            Invocation invocation = Invocation.of(spec, context.parsedInput());
            if (invocation.help()) {
                print(context.outputWriter(), spec.help());
                return done(ExitCode.SUCCEEDED);
            }
            format = invocation.output();
            choices.check(invocation);
            result = run(invocation, context);
        } catch (UsageError error) {
            result = Reports.usage(error.getMessage(), spec.usage(), session.isInteractive());
        } catch (InputRefused refused) {
            // A value over a limit or out of bounds, refused by the command itself before anything ran: bad input, exit 2.
            result = reports().invalid(new Invalid(refused.getMessage(), "see `%s --help`".formatted(spec.usage().split(" ", 2)[0])));
        } catch (RuntimeException failure) {
            result = Reports.unexpected(failure);
        }
        write(result, format, context.outputWriter());
        return done(result.exit());
    }

    /**
     * The text and tables of this run: as wide as the terminal (the shell's, or the one a headless command writes to),
     * or unlimited when stdout is a pipe or a file, so that scripts see whole values.
     */
    Reports reports() {
        int width = session.terminal().map(t -> t.getWidth() > 0 ? t.getWidth() : 100).orElseGet(TerminalWidth::ofStdout);
        return new Reports(new PlainText(session.zone(), width));
    }

    /**
     * Empty when the command may go on: the environment does not ask for confirmation, {@code --yes} was given, or
     * the operator said yes. Headless runs never prompt: without {@code --yes} they are refused, naming the rule.
     */
    Optional<Result> confirmed(Invocation invocation, CommandContext context, Optional<String> service, String environment, String action) {
        Environment target = choices.environment(service, environment);
        if (!target.confirm() || invocation.flag("yes")) return Optional.empty();
        if (!session.isInteractive()) {
            return Optional.of(reports().refused(new Refused("confirmation",
                    "%s asks for confirmation before anything is deployed to it".formatted(environment),
                    "add --yes to confirm, or run it from `slipway shell`")));
        }
        String answer;
        try {
            answer = context.inputReader().readInput("%s: %s asks for confirmation. Go ahead? [y/N] ".formatted(action, environment));
        } catch (Exception unreadable) {
            answer = "";
        }
        String said = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (said.equals("y") || said.equals("yes")) return Optional.empty();
        // The operator's own choice: said as done, not as something to unblock; exit 3 as for every confirmation not given.
        String message = "cancelled: nothing was done to %s".formatted(environment);
        return Optional.of(Result.of(ExitCode.REFUSED, message + "\n", JsonDocument.of("cancelled", ExitCode.REFUSED, message).rule("confirmation").build()));
    }

    private ExitStatus done(ExitCode exit) {
        // The interactive runner prints an error line for every non-zero status; the outcome already said it all.
        return session.isInteractive() ? ExitStatus.OK : exit.status();
    }

    private void write(Result result, OutputFormat format, PrintWriter out) {
        PrintWriter errors = session.errors();
        if (format == OutputFormat.JSON) {
            print(out, result.json().toJson());
            if (result.problem()) print(errors, result.text());
        } else {
            print(result.problem() ? errors : out, result.text());
        }
        if (!result.errors().isEmpty()) print(errors, result.errors());
    }

    private static void print(PrintWriter out, String text) {
        out.print(text);
        out.flush();
    }

    private List<CompletionProposal> complete(CompletionContext context) {
        CommandOption option = context.getCommandOption();
        if (option != null) {
            return spec.options().stream().filter(p -> p.name().equals(option.longName())).findFirst()
                    .map(p -> choices.propose(p.kind(), context.getWords())).orElse(List.of());
        }
        int position = positionOf(context.getWords(), context.getWordIndex());
        List<Parameter> arguments = spec.arguments();
        return position < arguments.size() ? choices.propose(arguments.get(position).kind(), context.getWords()) : List.of();
    }

    /** Which argument the word at {@code index} is, skipping the command's name, options and their values. */
    private int positionOf(List<String> words, int index) {
        int position = 0;
        for (int i = 1; i < index && i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("-")) {
                if (!word.contains("=") && takesValue(word)) i++;
            } else {
                position++;
            }
        }
        return position;
    }

    boolean takesValue(String word) {
        return spec.options().stream().anyMatch(p -> word.equals("--" + p.name()) && p.kind() != Parameter.Kind.FLAG);
    }
}
