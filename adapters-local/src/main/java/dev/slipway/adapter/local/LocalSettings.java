package dev.slipway.adapter.local;

import dev.slipway.domain.environment.TargetSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a {@code local} target: the command that runs a release, its first port (the next one is the
 * second slot), how many releases to keep on disk, the optional directory of the release to run in, and the optional
 * stable {@code proxy-port} in front of the two slots.
 */
record LocalSettings(CommandLine command, int port, int keep, Optional<Path> workdir, Optional<Integer> proxyPort) {

    LocalSettings(CommandLine command, int port, int keep, Optional<Path> workdir) {
        this(command, port, keep, workdir, Optional.empty());
    }

    static final int DEFAULT_KEEP = 5;
    static final int LOWEST_PORT = 1024;
    static final int HIGHEST_PORT = 65534;
    static final int MOST_KEPT = 100;
    private static final Set<String> KNOWN = Set.of("command", "port", "keep", "workdir", "proxy-port");

    /** The settings of {@code spec}; refuses them, listing every problem, when they are not valid. */
    static LocalSettings of(TargetSpec spec) {
        List<String> problems = new ArrayList<>();
        LocalSettings settings = read(spec, problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException("the local target's settings are not valid: " + String.join("; ", problems));
        return settings;
    }

    /** Every problem with {@code spec}'s settings, empty when they are fine. */
    static List<String> problems(TargetSpec spec) {
        List<String> problems = new ArrayList<>();
        read(spec, problems);
        return problems;
    }

    /** The number of releases an environment keeps, or the default when its settings do not say or say it wrongly. */
    static int keepOf(TargetSpec spec) {
        List<String> problems = new ArrayList<>();
        try {
            int keep = keep(spec, problems);
            return problems.isEmpty() ? keep : DEFAULT_KEEP;
        } catch (NumberFormatException e) {
            return DEFAULT_KEEP;
        }
    }

    private static LocalSettings read(TargetSpec spec, List<String> problems) {
        Set<String> unknown = new TreeSet<>(spec.settings().keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            problems.add("unknown setting%s %s; the local target knows command, port, keep, workdir and proxy-port"
                    .formatted(unknown.size() == 1 ? "" : "s", String.join(", ", unknown)));
        }
        CommandLine command = null;
        Optional<String> commandText = spec.setting("command");
        if (commandText.isEmpty()) {
            problems.add("'command' is required: the program and its arguments that start a release, as in python3 app.py (run without a shell)");
        } else {
            try {
                command = CommandLine.parse(commandText.get());
            } catch (IllegalArgumentException e) {
                problems.add("'command' cannot be read: " + e.getMessage());
            }
        }
        int port = 0;
        Optional<String> portText = spec.setting("port");
        String portRule = "a whole number from %d to %d (the release also uses the next port while it replaces the previous one)"
                .formatted(LOWEST_PORT, HIGHEST_PORT);
        if (portText.isEmpty()) {
            problems.add("'port' is required: " + portRule);
        } else {
            try {
                port = Integer.parseInt(portText.get().strip());
                if (port < LOWEST_PORT || port > HIGHEST_PORT) problems.add("'port' is %d; it must be %s".formatted(port, portRule));
            } catch (NumberFormatException e) {
                problems.add("'port' is '%s'; it must be %s".formatted(portText.get(), portRule));
            }
        }
        int keep = DEFAULT_KEEP;
        try {
            keep = keep(spec, problems);
        } catch (NumberFormatException e) {
            problems.add("'keep' is '%s'; it must be a whole number from 1 to %d (default %d)".formatted(spec.require("keep"), MOST_KEPT, DEFAULT_KEEP));
        }
        Optional<Path> workdir = Optional.empty();
        Optional<String> workdirText = spec.setting("workdir");
        if (workdirText.isPresent()) {
            String rule = "it must be a relative path inside the release, such as app or services/api";
            try {
                Path path = Path.of(workdirText.get().strip()).normalize();
                if (path.isAbsolute() || path.startsWith("..")) {
                    problems.add("'workdir' is '%s'; %s".formatted(workdirText.get(), rule));
                } else if (!path.toString().isEmpty()) {
                    workdir = Optional.of(path);
                }
            } catch (InvalidPathException e) {
                problems.add("'workdir' is '%s'; %s".formatted(workdirText.get(), rule));
            }
        }
        Optional<Integer> proxyPort = Optional.empty();
        Optional<String> proxyText = spec.setting("proxy-port");
        if (proxyText.isPresent()) {
            String rule = "a whole number from %d to %d other than port and port + 1: the stable address in front of both slots"
                    .formatted(LOWEST_PORT, HIGHEST_PORT + 1);
            try {
                int proxy = Integer.parseInt(proxyText.get().strip());
                if (proxy < LOWEST_PORT || proxy > HIGHEST_PORT + 1 || proxy == port || proxy == port + 1) {
                    problems.add("'proxy-port' is %d; it must be %s".formatted(proxy, rule));
                } else {
                    proxyPort = Optional.of(proxy);
                }
            } catch (NumberFormatException e) {
                problems.add("'proxy-port' is '%s'; it must be %s".formatted(proxyText.get(), rule));
            }
        }
        return problems.isEmpty() ? new LocalSettings(command, port, keep, workdir, proxyPort) : null;
    }

    private static int keep(TargetSpec spec, List<String> problems) {
        Optional<String> text = spec.setting("keep");
        if (text.isEmpty()) return DEFAULT_KEEP;
        int keep = Integer.parseInt(text.get().strip());
        if (keep < 1 || keep > MOST_KEPT) {
            problems.add("'keep' is %d; it must be a whole number from 1 to %d (default %d)".formatted(keep, MOST_KEPT, DEFAULT_KEEP));
        }
        return keep;
    }
}
