package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.version.Bump;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command line checked against its {@link CommandSpec}: every word known, every value of the right form.
 * Anything else is a {@link UsageError}, so the commands only ever see well-formed values.
 */
final class Invocation {

    private final CommandSpec spec;
    private final Map<String, String> values;
    private final boolean help;
    private final OutputFormat output;

    private Invocation(CommandSpec spec, Map<String, String> values, boolean help, OutputFormat output) {
        this.spec = spec;
        this.values = values;
        this.help = help;
        this.output = output;
    }

    /** Reads the output format first, so that even a usage error can answer in the format asked for. */
    static OutputFormat outputOf(ParsedInput input) {
        return input.options().stream()
                .filter(option -> "output".equals(option.longName()) && option.value() != null)
                .map(option -> {
                    try {
                        return OutputFormat.parse(option.value());
                    } catch (UsageError bad) {
                        return OutputFormat.TEXT;
                    }
                })
                .findFirst().orElse(OutputFormat.TEXT);
    }

    static Invocation of(CommandSpec spec, ParsedInput input) {
        boolean help = input.options().stream().anyMatch(o -> "help".equals(o.longName()) || o.shortName() == 'h');
        if (help) return new Invocation(spec, Map.of(), true, outputOf(input));
        Map<String, String> values = new LinkedHashMap<>();
        List<Parameter> arguments = spec.arguments();
        for (CommandArgument argument : input.arguments()) {
            if (argument.index() >= arguments.size()) {
                throw new UsageError("unexpected argument '%s'".formatted(argument.value()));
            }
            Parameter parameter = arguments.get(argument.index());
            values.put(parameter.name(), check(parameter, argument.value()));
        }
        for (CommandOption option : input.options()) {
            String shown = option.longName() == null || option.longName().isEmpty() ? "-" + option.shortName() : "--" + option.longName();
            Parameter parameter = spec.options().stream().filter(p -> p.name().equals(option.longName())).findFirst()
                    .orElseThrow(() -> new UsageError("unknown option %s".formatted(shown)));
            if (values.containsKey(parameter.name())) throw new UsageError("%s is given twice".formatted(shown));
            if (option.value() == null) throw new UsageError("%s needs a value: %s".formatted(shown, parameter.value()));
            values.put(parameter.name(), check(parameter, option.value()));
        }
        for (Parameter parameter : spec.parameters()) {
            if (parameter.required() && !values.containsKey(parameter.name())) {
                throw new UsageError(parameter.positional() ? "missing %s: %s".formatted(parameter.name(), parameter.description())
                        : "--%s is required: %s".formatted(parameter.name(), parameter.description()));
            }
        }
        OutputFormat output = Optional.ofNullable(values.get("output")).map(OutputFormat::parse).orElse(OutputFormat.TEXT);
        return new Invocation(spec, values, false, output);
    }

    boolean help() {
        return help;
    }

    OutputFormat output() {
        return output;
    }

    CommandSpec spec() {
        return spec;
    }

    /** A required argument or option. */
    String get(String name) {
        String value = values.get(name);
        if (value == null) throw new IllegalStateException("%s is not a required parameter of %s".formatted(name, spec.name()));
        return value;
    }

    Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Optional<Duration> duration(String name) {
        return find(name).map(Durations::parse);
    }

    Optional<Bump> bump() {
        return find("bump").map(Bump::parse);
    }

    int count(String name, int fallback) {
        return find(name).map(Integer::parseInt).orElse(fallback);
    }

    boolean flag(String name) {
        return find(name).map(Boolean::parseBoolean).orElse(false);
    }

    private static String check(Parameter parameter, String value) {
        String name = parameter.positional() ? parameter.name() : "--" + parameter.name();
        try {
            switch (parameter.kind()) {
                case DURATION -> Durations.parse(value);
                case BUMP -> Bump.parse(value);
                case DEPLOYMENT_ID -> {
                    if (!DeploymentId.isPrefix(value)) {
                        throw new UsageError("%s: '%s' is not a deployment id: expected %d to 12 hex digits (a unique start of the id is enough)"
                                .formatted(name, dev.slipway.domain.input.FreeText.printable(value.strip()), DeploymentId.SHORTEST_PREFIX));
                    }
                }
                case OUTPUT -> OutputFormat.parse(value);
                case COUNT -> {
                    int count = Integer.parseInt(value.trim());
                    if (count < 1 || count > 1000) throw new UsageError("%s must be between 1 and 1000, not %d".formatted(name, count));
                    return Integer.toString(count);
                }
                case FLAG -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new UsageError("%s takes no value, or true or false; not '%s'".formatted(name, value));
                    }
                }
                case TEXT, SERVICE, ENVIRONMENT, VERSION -> {
                    if (value.isBlank()) throw new UsageError("%s must not be empty".formatted(name));
                }
            }
            return parameter.kind() == Kind.DEPLOYMENT_ID ? value.strip().toLowerCase(java.util.Locale.ROOT) : value.strip();
        } catch (NumberFormatException e) {
            throw new UsageError("%s must be a number between 1 and 1000, not '%s'".formatted(name, value));
        } catch (IllegalArgumentException e) {
            throw new UsageError("%s: %s".formatted(name, e.getMessage()));
        }
    }
}
