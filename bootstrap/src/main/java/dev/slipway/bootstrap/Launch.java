package dev.slipway.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How this process was started: the configuration file ({@code --config PATH}, else {@code SLIPWAY_CONFIG}, else
 * {@code ./slipway.yml}), how much to log ({@code --verbose}, {@code SLIPWAY_LOG}), and the arguments left for the
 * command line once those options are taken out.
 */
public record Launch(Path configFile, boolean verbose, Optional<String> logLevel, List<String> arguments) {

    public static final String DEFAULT_CONFIG = "slipway.yml";

    public Launch {
        configFile = configFile.toAbsolutePath().normalize();
        logLevel = logLevel == null ? Optional.empty() : logLevel;
        arguments = List.copyOf(arguments);
    }

    /** Reads the options that belong to start-up; refuses {@code --config} without a path. */
    public static Launch parse(String[] args, Map<String, String> environment) {
        String config = environment.getOrDefault("SLIPWAY_CONFIG", "");
        boolean verbose = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) throw new IllegalArgumentException("--config needs the path of a slipway.yml");
                config = args[++i];
            } else if (arg.startsWith("--config=")) {
                config = arg.substring("--config=".length());
                if (config.isBlank()) throw new IllegalArgumentException("--config needs the path of a slipway.yml");
            } else if (arg.equals("--verbose")) {
                verbose = true;
            } else {
                rest.add(arg);
            }
        }
        Optional<String> level = Optional.ofNullable(environment.get("SLIPWAY_LOG")).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.toLowerCase(Locale.ROOT));
        return new Launch(Path.of(config.isBlank() ? DEFAULT_CONFIG : config), verbose, level, rest);
    }

    /** The command, such as deploy or status: the first argument, when it is not an option. */
    public Optional<String> command() {
        return arguments.stream().findFirst().filter(a -> !a.startsWith("-"));
    }

    /** The folder relative paths in the configuration start from. */
    public Path baseDirectory() {
        Path parent = configFile.getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    public String[] argumentArray() {
        return arguments.toArray(String[]::new);
    }
}
