package dev.slipway.adapter.shell;

import java.util.Locale;

/** How a command prints its result: sentences and tables for people, or one JSON document for scripts. */
enum OutputFormat {
    TEXT, JSON;

    static OutputFormat parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new UsageError("--output must be text or json, not '%s'".formatted(text));
        };
    }
}
