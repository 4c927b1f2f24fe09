package dev.slipway.adapter.shell;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 0}) and as the shell shows them. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    static Duration parse(String text) {
        String input = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (input.equals("0")) return Duration.ZERO;
        if (input.startsWith("p")) {
            try {
                Duration iso = Duration.parse(input.toUpperCase(Locale.ROOT));
                if (!iso.isNegative()) return iso;
            } catch (DateTimeParseException ignored) {
                // falls through to the refusal below, which shows the accepted forms
            }
            throw refusal(text);
        }
        Matcher part = PART.matcher(input);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < input.length() && part.find(at) && part.start() == at) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            at = part.end();
        }
        if (input.isEmpty() || at != input.length()) throw refusal(text);
        return total;
    }

    /** 450ms, 3.2s, 2m05s, 1h02m: short, and precise enough to compare two runs. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) return millis + "ms";
        if (millis < 60_000) return "%d.%ds".formatted(millis / 1000, (millis % 1000) / 100);
        long seconds = duration.toSeconds();
        if (seconds < 3600) return "%dm%02ds".formatted(seconds / 60, seconds % 60);
        return "%dh%02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }

    private static IllegalArgumentException refusal(String text) {
        return new IllegalArgumentException(
                "'%s' is not a duration: use a number and a unit such as 30s, 10m, 1h or 1h30m (ms, s, m, h, d)".formatted(text));
    }
}
