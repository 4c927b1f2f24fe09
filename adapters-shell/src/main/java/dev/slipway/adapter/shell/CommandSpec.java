package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a command accepts and how it explains itself: its words, its options, examples, the JSON it prints and the
 * exit codes. Help, usage lines, parsing and completion all read from here, so they cannot disagree.
 */
record CommandSpec(String name, String description, List<Parameter> parameters, List<String> notes, List<String> examples, List<String> json) {

    static final Parameter OUTPUT = Parameter.option("output", "text|json", Kind.OUTPUT,
            "text for people; json for scripts: one JSON document on stdout").withFallback("text");

    /** The options Slipway reads at start, before any command: every command accepts them. */
    static final Map<String, String> GLOBAL_OPTIONS = globalOptions();

    CommandSpec {
        List<Parameter> all = new ArrayList<>(parameters);
        all.add(OUTPUT);
        parameters = List.copyOf(all);
        notes = List.copyOf(notes);
        examples = List.copyOf(examples);
        json = List.copyOf(json);
    }

    List<Parameter> arguments() {
        return parameters.stream().filter(Parameter::positional).toList();
    }

    List<Parameter> options() {
        return parameters.stream().filter(p -> !p.positional()).toList();
    }

    /** The usage line, without the program name: {@code deploy ENV [--version V] ...}. */
    String usage() {
        return parameters.stream().map(Parameter::synopsis).collect(Collectors.joining(" ", name + " ", ""));
    }

    String help() {
        StringBuilder help = new StringBuilder();
        help.append(name).append(" - ").append(description).append("\n\n");
        help.append("USAGE\n  slipway ").append(usage()).append("\n");
        if (!arguments().isEmpty()) {
            help.append("\nARGUMENTS\n");
            arguments().forEach(argument -> entry(help, argument.name() + (argument.required() ? "" : " (optional)"), argument.description()));
        }
        help.append("\nOPTIONS\n");
        for (Parameter option : options()) {
            String described = option.description() + (option.fallback() == null ? "" : " (default " + option.fallback() + ")")
                    + (option.required() ? " (required)" : "");
            entry(help, "--" + option.name() + (option.value() == null ? "" : " " + option.value()), described);
        }
        entry(help, "--help, -h", "show this help");
        help.append("\nGLOBAL OPTIONS (any command, before or after it)\n");
        GLOBAL_OPTIONS.forEach((term, description) -> entry(help, term, description));
        section(help, "NOTES", notes);
        section(help, "EXAMPLES", examples.stream().map(example -> "slipway " + example).toList());
        section(help, "JSON OUTPUT (--output json)", json);
        help.append('\n').append(ExitCode.legend());
        return help.toString();
    }

    private static Map<String, String> globalOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--config PATH", "the slipway.yml to use (default ./slipway.yml, or SLIPWAY_CONFIG)");
        options.put("--verbose", "log more on stderr, with stack traces (or SLIPWAY_LOG=debug)");
        options.put("--progress plain|json", "how a headless run shows step events on stderr: plain lines (default), or json,"
                + " one JSON object a line (NDJSON: event, deployment, step, status, message, details)");
        return Collections.unmodifiableMap(options);
    }

    static void entry(StringBuilder help, String term, String description) {
        help.append("  ").append(term);
        if (term.length() < 22) {
            help.append(" ".repeat(22 - term.length()));
        } else {
            help.append("\n  ").append(" ".repeat(22));
        }
        help.append(description).append('\n');
    }

    private static void section(StringBuilder help, String title, List<String> lines) {
        if (lines.isEmpty()) return;
        help.append('\n').append(title).append('\n');
        lines.forEach(line -> help.append("  ").append(line).append('\n'));
    }
}
