package dev.slipway.adapter.shell;

import dev.slipway.domain.version.Bump;
import org.springframework.shell.core.command.CommandOption;

import java.time.Duration;

/**
 * One argument ({@code ENV}) or option ({@code --lock-wait D}) of a command: how help shows it, how the parser
 * checks its value, and what completion offers for it. {@code fallback} is the value help shows when it is left out.
 */
record Parameter(String name, String value, Kind kind, String description, boolean positional, boolean required, String fallback) {

    /** What a value is, which decides how it is checked and completed. */
    enum Kind {
        TEXT(String.class), SERVICE(String.class), ENVIRONMENT(String.class), VERSION(String.class), DEPLOYMENT_ID(String.class),
        BUMP(Bump.class), DURATION(Duration.class), COUNT(Integer.class), FLAG(boolean.class), OUTPUT(String.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }
    }

    static Parameter argument(String name, Kind kind, String description) {
        return new Parameter(name, name, kind, description, true, true, null);
    }

    static Parameter optionalArgument(String name, Kind kind, String description) {
        return new Parameter(name, name, kind, description, true, false, null);
    }

    static Parameter option(String name, String value, Kind kind, String description) {
        return new Parameter(name, value, kind, description, false, false, null);
    }

    static Parameter requiredOption(String name, String value, Kind kind, String description) {
        return new Parameter(name, value, kind, description, false, true, null);
    }

    static Parameter flag(String name, String description) {
        return new Parameter(name, null, Kind.FLAG, description, false, false, null);
    }

    Parameter withFallback(String shown) {
        return new Parameter(name, value, kind, description, positional, required, shown);
    }

    /** How it reads in a usage line: {@code ENV}, {@code [--version V]}, {@code --reason R}, {@code [--plan]}. */
    String synopsis() {
        String word = positional ? name : "--" + name + (value == null ? "" : " " + value);
        return required ? word : "[" + word + "]";
    }

    /** The option as Spring Shell knows it, for its parser, completer and help. */
    CommandOption toOption() {
        CommandOption.Builder option = CommandOption.with().longName(name).description(description).required(required).type(kind.type);
        if (fallback != null) option.defaultValue(fallback);
        return option.build();
    }
}
