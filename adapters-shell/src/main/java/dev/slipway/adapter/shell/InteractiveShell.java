package dev.slipway.adapter.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.ExtendedDefaultParser;
import org.springframework.shell.jline.JLineInputProvider;
import org.springframework.shell.jline.JLineShellRunner;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code slipway shell}: Spring Shell's JLine runner over the Slipway commands, with completion of commands,
 * environments, services, versions and deployment ids, history, and live progress while a deployment runs.
 */
final class InteractiveShell {

    private final ShellSession session;
    private final CommandRegistry registry;
    private final ShellCommandParser parser;

    InteractiveShell(ShellSession session, CommandRegistry registry, ShellCommandParser parser) {
        this.session = session;
        this.registry = registry;
        this.parser = parser;
    }

    /** Reads commands from the terminal until {@code quit}, {@code exit} or end of input; {@code history} keeps the lines. */
    int run(Terminal terminal, Optional<Path> history) throws Exception {
        session.interactive(terminal);
        ExtendedDefaultParser words = new ExtendedDefaultParser();
        words.setEofOnUnclosedQuote(true);
        words.setEofOnEscapedNewLine(true);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("slipway")
                .completer(new SlipwayCompleter(registry)).parser(words);
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        LineReader reader = builder.build();
        // Tab on an empty line lists the commands instead of inserting a tab.
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
        JLineInputProvider input = new Prompt(reader, registry, terminal);
        input.setPromptProvider(() -> new AttributedString("slipway:> ", AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)));
        terminal.writer().println("Slipway operator shell: `help` lists the commands, Tab completes, `quit` leaves.");
        terminal.flush();
        new Runner(input, parser, registry, reader).run(new String[0]);
        reader.getHistory().save();
        return ExitCode.SUCCEEDED.code();
    }

    /**
     * Ctrl-C clears the line instead of leaving the shell; Ctrl-D leaves it as {@code quit} does; an unknown command
     * gets "did you mean" instead of the whole list of commands.
     */
    private static final class Prompt extends JLineInputProvider {

        private final CommandRegistry registry;
        private final Terminal terminal;

        Prompt(LineReader reader, CommandRegistry registry, Terminal terminal) {
            super(reader);
            this.registry = registry;
            this.terminal = terminal;
        }

        @Override
        public String readInput() {
            String line;
            try {
                line = super.readInput();
            } catch (UserInterruptException interrupted) {
                return "";
            } catch (EndOfFileException end) {
                return "quit";
            }
            if (line == null) return "quit";
            String first = line.strip().split("\\s+", 2)[0];
            if (first.isEmpty() || first.equalsIgnoreCase("quit") || first.equalsIgnoreCase("exit") || registry.getCommandByName(first) != null) {
                return line;
            }
            terminal.writer().println(CommandSuggestions.unknown(first, registry, "help"));
            terminal.flush();
            return "";
        }
    }

    /** Spring Shell's JLine runner, whose confirmation answers stay out of the command history. */
    private static final class Runner extends JLineShellRunner {

        private final LineReader reader;

        Runner(JLineInputProvider input, ShellCommandParser parser, CommandRegistry registry, LineReader reader) {
            super(input, parser, registry);
            this.reader = reader;
        }

        @Override
        public InputReader getReader() {
            return new InputReader() {
                @Override
                public String readInput(String prompt) {
                    reader.setVariable(LineReader.DISABLE_HISTORY, true);
                    try {
                        return reader.readLine(prompt);
                    } catch (UserInterruptException | EndOfFileException declined) {
                        return "";
                    } finally {
                        reader.setVariable(LineReader.DISABLE_HISTORY, false);
                    }
                }
            };
        }
    }
}
