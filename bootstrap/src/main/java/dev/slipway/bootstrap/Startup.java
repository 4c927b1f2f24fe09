package dev.slipway.bootstrap;

import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.bootstrap.configuration.BindingFailures;
import dev.slipway.bootstrap.configuration.ConfigurationProblem;
import dev.slipway.bootstrap.demo.Demo;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code main} does: reads the start-up options, answers {@code serve} (not in this build) and {@code demo}
 * itself, runs every other command through Spring, and turns a failure to start into one clear message and its exit
 * code (2 for configuration, 1 for anything else) instead of a stack trace.
 */
final class Startup {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    Startup(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    int run(String[] args) {
        Launch launch;
        try {
            launch = Launch.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("slipway: " + e.getMessage());
            return BAD_INPUT;
        }
        Optional<String> command = launch.command();
        if (command.filter("serve"::equals).isPresent()) {
            err.println("slipway: `slipway serve` (the Slack endpoints, REST API and dashboard) is not available in this build.");
            err.println("Use the command line (`slipway --help`) or the interactive shell (`slipway shell`).");
            return BAD_INPUT;
        }
        if (command.filter("demo"::equals).isPresent()) {
            return new Demo(out, err, launch).run();
        }
        return runCommand(launch);
    }

    private int runCommand(Launch launch) {
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
        Optional<ConfigurationProblem> problem = BindingFailures.explain(failure);
        if (problem.isPresent()) {
            err.println("slipway: the configuration in %s cannot be used:".formatted(launch.configFile()));
            problem.get().problems().forEach(p -> err.println("  " + p));
            return BAD_INPUT;
        }
        Optional<OutsideSystemFailure> outside = cause(failure, OutsideSystemFailure.class);
        if (outside.isPresent()) {
            err.println("slipway: " + outside.get().getMessage()
                    + (outside.get().retryable() ? " (this may pass if you try again)" : ""));
        } else {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            err.println("slipway: could not start: " + root.getClass().getSimpleName() + ": " + root.getMessage());
            if (!launch.verbose()) err.println("Run again with --verbose to see where it happened.");
        }
        if (launch.verbose()) failure.printStackTrace(err);
        return UNEXPECTED;
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable at = failure; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (type.isInstance(at)) return Optional.of(type.cast(at));
        }
        return Optional.empty();
    }
}
