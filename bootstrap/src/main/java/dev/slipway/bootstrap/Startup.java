package dev.slipway.bootstrap;

import dev.slipway.adapter.local.PortForwarder;
import dev.slipway.adapter.shell.FailureDocument;
import dev.slipway.adapter.shell.SlipwayVersion;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.bootstrap.configuration.BindingFailures;
import dev.slipway.bootstrap.configuration.ConfigurationProblem;
import dev.slipway.bootstrap.configuration.KeyLocations;
import dev.slipway.bootstrap.demo.Demo;
import dev.slipway.bootstrap.init.Init;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code main} does: reads the start-up options, hands {@code serve} and {@code demo} to their own classes, runs every other command through Spring, and turns a failure to start into one clear message and its exit
 * code (2 for configuration, 1 for anything else) instead of a stack trace.
 */
final class Startup {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int BAD_INPUT = 2;
    /** The example service's configuration, packaged into the jar next to the demo's copy of the service. */
    static final String EXAMPLE_CONFIGURATION = "/demo/hello-service/slipway.yml";

    static final String SHELL_HELP = """
            shell - The interactive operator shell: the same commands as the command line, with completion (Tab), tables
            as wide as the terminal, progress bars, and confirmation for environments that ask for it.

            USAGE
              slipway shell [--config PATH] [--verbose]

            Inside, type a command as on the command line without `slipway` (`deploy dev`, `status`), `help` for the
            list, `quit` to leave. History is kept in ~/.slipway/shell-history.

            EXIT CODES
              0  the shell was left with quit (or Ctrl-D)
              1  anything unexpected
              2  bad input or configuration (an argument after `shell`, a slipway.yml that cannot be used)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    Startup(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    int run(String[] args) {
        // The local target's stable proxy port runs as `slipway __forward PORT FILE`: no configuration, no Spring.
        if (args.length > 0 && args[0].equals(PortForwarder.MODE)) return PortForwarder.main(args, err);
        Launch launch;
        try {
            launch = Launch.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("slipway: " + e.getMessage());
            if (FailureDocument.asked(List.of(args))) out.print(FailureDocument.badInput(e.getMessage(), "run `slipway --help` for the global options"));
            return BAD_INPUT;
        }
        // The version needs no configuration, so it answers wherever Slipway runs, before anything starts.
        if (launch.arguments().equals(List.of("--version"))) {
            out.println(SlipwayVersion.current().line());
            return OK;
        }
        Optional<String> command = launch.command();
        if (command.filter("serve"::equals).isPresent()) {
            return new Serve(out, err, this).run(launch);
        }
        if (command.filter("demo"::equals).isPresent()) {
            return new Demo(out, err, launch).run();
        }
        if (command.filter("init"::equals).isPresent()) {
            boolean terminal = System.console() != null && System.console().isTerminal();
            BufferedReader answers = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return new Init(out, err, answers, terminal, this::runCommand).run(launch);
        }
        if (command.filter("shell"::equals).isPresent() && launch.arguments().size() == 2
                && (launch.arguments().get(1).equals("--help") || launch.arguments().get(1).equals("-h"))) {
            out.print(SHELL_HELP);
            return OK;
        }
        if (asksForHelp(launch) && !Files.exists(launch.configFile())) {
            return helpWithoutConfiguration(launch);
        }
        return runCommand(launch);
    }

    /** `slipway`, `slipway help ...` and `slipway COMMAND --help` read no state: they answer wherever they run. */
    static boolean asksForHelp(Launch launch) {
        List<String> words = launch.arguments();
        return words.isEmpty() || words.getFirst().equals("help") || words.contains("--help") || words.contains("-h");
    }

    /**
     * Help needs the command set, which is built over a configuration; where there is none, the example service's
     * configuration stands in, in a scratch folder that is removed afterwards, so that nothing is written here.
     */
    private int helpWithoutConfiguration(Launch launch) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("slipway-help");
            Path config = scratch.resolve(Launch.DEFAULT_CONFIG);
            try (InputStream example = Startup.class.getResourceAsStream(EXAMPLE_CONFIGURATION)) {
                if (example == null) throw new IOException("the jar has no " + EXAMPLE_CONFIGURATION);
                Files.copy(example, config);
            }
            if (!launch.arguments().isEmpty()) {
                err.println("slipway: (no configuration at %s; the help below does not depend on one)".formatted(launch.configFile()));
            }
            return runCommand(new Launch(config, launch.verbose(), launch.logLevel(), launch.arguments().isEmpty() ? List.of("help") : launch.arguments()));
        } catch (IOException e) {
            err.println("slipway: could not prepare the help: " + e.getMessage());
            return UNEXPECTED;
        } finally {
            if (scratch != null) deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A scratch folder under the system temp directory that outlives us harms nobody.
        }
    }

    int runCommand(Launch launch) {
        ConfigurableApplicationContext context;
        try {
            context = SlipwayApplication.start(launch, CommandLineConfiguration.class);
        } catch (RuntimeException failure) {
            return explain(failure, launch);
        }
        return SpringApplication.exit(context);
    }

    /** Says why start-up failed in a sentence and answers the exit code; the stack trace only with --verbose. */
    int explain(Throwable failure, Launch launch) {
        boolean json = FailureDocument.asked(launch.arguments());
        Optional<ConfigurationProblem> problem = BindingFailures.explain(failure);
        if (problem.isPresent()) {
            if (!Files.isRegularFile(launch.configFile())) {
                String missing = "no configuration file at %s".formatted(launch.configFile());
                String next = "run `slipway init` in the service's git repository to write one, or pass --config PATH (or set SLIPWAY_CONFIG)";
                err.println("slipway: " + missing);
                err.println("next: " + next);
                if (json) out.print(FailureDocument.badInput(missing, next));
                return BAD_INPUT;
            }
            String heading = "the configuration in %s cannot be used".formatted(launch.configFile());
            String next = "fix what is named above in %s (its keys are described in the README's Configuration section), then run the command again"
                    .formatted(launch.configFile().getFileName());
            List<ConfigurationProblem.Problem> problems = KeyLocations.locate(launch.configFile(), problem.get().problems());
            err.println("slipway: " + heading + ":");
            problems.forEach(p -> err.println("  " + p));
            err.println("next: " + next);
            if (json) {
                out.print(FailureDocument.badInput(heading + ": " + String.join("; ", problems.stream().map(Object::toString).toList()),
                        next));
            }
            return BAD_INPUT;
        }
        Optional<OutsideSystemFailure> outside = cause(failure, OutsideSystemFailure.class);
        String message;
        if (outside.isPresent()) {
            message = outside.get().getMessage() + (outside.get().retryable() ? " (this may pass if you try again)" : "");
            err.println("slipway: " + message);
        } else {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String said = root.getMessage() == null || root.getMessage().isBlank() ? "an unexpected failure" : root.getMessage().strip().lines().findFirst().orElse("");
            message = "could not start: " + said;
            err.println("slipway: " + message);
            if (!launch.verbose()) err.println("Run again with --verbose to see where it happened.");
        }
        if (json) out.print(FailureDocument.unexpected(message));
        if (launch.verbose()) failure.printStackTrace(err);
        return UNEXPECTED;
    }

    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable at = failure; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (type.isInstance(at)) return Optional.of(type.cast(at));
        }
        return Optional.empty();
    }
}
