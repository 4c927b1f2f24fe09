package dev.slipway.adapter.shell;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs what the command line asks: {@code slipway shell} opens the interactive shell; {@code slipway <command> ...}
 * runs one command headless through Spring Shell's executor and keeps its exit code for
 * {@code SpringApplication.exit}; {@code slipway serve} is left to the server. Never throws: whatever happens ends as
 * an exit code and a one-line message.
 * Only the interactive path builds a JLine terminal, so a headless run pays nothing for it.
 */
public final class SlipwayShellRunner implements ApplicationRunner, ExitCodeGenerator {

    /** The first word of the mode that is not the shell's: `slipway serve` starts the server. */
    public static final String SERVER_MODE = "serve";

    private static final InputReader NO_INPUT = new InputReader() {
    };

    private final ShellSession session;
    private final CommandRegistry registry;
    private final ShellCommandParser parser;
    private volatile int exitCode = ExitCode.UNEXPECTED.code();

    public SlipwayShellRunner(ShellSession session, CommandRegistry registry, ShellCommandParser parser) {
        this.session = session;
        this.registry = registry;
        this.parser = parser;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        exitCode = run(arguments.getSourceArgs());
    }

    /** The exit code of the last run: 0 to 6 as documented in ARCHITECTURE.md and every command's help. */
    @Override
    public int getExitCode() {
        return exitCode;
    }

    public int run(String... arguments) {
        if (arguments.length > 0 && arguments[0].equals(SERVER_MODE)) {
            // The server's own adapters run `slipway serve`; standing aside makes this configuration safe in every mode.
            exitCode = ExitCode.SUCCEEDED.code();
        } else if (arguments.length > 0 && arguments[0].equals("shell")) {
            exitCode = interactive(arguments);
        } else {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()));
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
            exitCode = headless(List.of(arguments), out, err, System.err.charset());
        }
        return exitCode;
    }

    /** Runs one command; results go to {@code out}, progress and errors to {@code err}, written in {@code errCharset}. */
    public int headless(List<String> arguments, PrintWriter out, PrintWriter err, Charset errCharset) {
        session.headless(err, errCharset);
        boolean json = FailureDocument.asked(arguments);
        try {
            if (arguments.isEmpty()) {
                err.print("error: no command given\n\n" + overview());
                return ExitCode.BAD_INPUT.code();
            }
            List<String> words = withoutProgress(new ArrayList<>(arguments));
            if (words.isEmpty()) {
                err.print("error: no command given\n\n" + overview());
                return ExitCode.BAD_INPUT.code();
            }
            if (words.getFirst().equals("--help") || words.getFirst().equals("-h")) words.set(0, "help");
            if (words.equals(List.of("--version"))) {
                out.println(SlipwayVersion.current().line());
                return ExitCode.SUCCEEDED.code();
            }
            Command command = registry.getCommandByName(words.getFirst());
            if (command == null) {
                err.print("error: " + unknown(words.getFirst()) + "\n" + overview());
                if (json) out.print(FailureDocument.badInput(unknown(words.getFirst()), "run `slipway help` for the commands"));
                return ExitCode.BAD_INPUT.code();
            }
            ParsedInput input = parser.parse(words);
            ExitStatus status = new CommandExecutor(registry).execute(new CommandContext(input, registry, out, NO_INPUT));
            return ExitCode.of(status).code();
        } catch (CommandExecutionException failure) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            RuntimeException shown = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause.getMessage(), cause);
            return unexpected(Reports.unexpected(shown), json, out, err);
        } catch (UsageError failure) {
            err.print("error: " + failure.getMessage() + "\n");
            if (json) out.print(FailureDocument.badInput(failure.getMessage(), "run `slipway help` for the commands and their options"));
            return ExitCode.BAD_INPUT.code();
        } catch (RuntimeException failure) {
            return unexpected(Reports.unexpected(failure), json, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Takes {@code --progress plain|json} out of the words, wherever it stands, and tells the session: it is an option of
     * the run (how step events appear on stderr), not of any one command.
     */
    private List<String> withoutProgress(List<String> words) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--progress")) {
                if (i + 1 >= words.size()) throw new UsageError("--progress needs a value: plain or json");
                session.progress(ShellSession.Progress.parse(words.get(++i)));
            } else if (word.startsWith("--progress=")) {
                session.progress(ShellSession.Progress.parse(word.substring("--progress=".length())));
            } else {
                rest.add(word);
            }
        }
        return rest;
    }

    private static int unexpected(Result result, boolean json, PrintWriter out, PrintWriter err) {
        err.print(result.text());
        if (json) out.print(result.json().toJson());
        return result.exit().code();
    }

    private int interactive(String[] arguments) {
        if (arguments.length > 1) {
            System.err.println("error: `slipway shell` takes no arguments; run the command inside the shell, or as `slipway "
                    + String.join(" ", List.of(arguments).subList(1, arguments.length)) + "`");
            return ExitCode.BAD_INPUT.code();
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("slipway").build()) {
            Path history = Path.of(System.getProperty("user.home"), ".slipway", "shell-history");
            return new InteractiveShell(session, registry, parser).run(terminal, Optional.of(history));
        } catch (Exception failure) {
            System.err.println("error: the interactive shell stopped: " + failure.getMessage());
            return ExitCode.UNEXPECTED.code();
        }
    }

    private String unknown(String name) {
        return CommandSuggestions.unknown(name, registry, "slipway help");
    }

    private String overview() {
        return registry.getCommandByName("help") instanceof HelpShellCommand help ? help.overview() : "";
    }
}
