package dev.slipway.domain.input;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Slipway reads and writes a duration, wherever it is typed (CLI, API, Slack, {@code slipway.yml}, target
 * settings): a whole number and a unit, units in decreasing order and each at most once ({@code 500ms}, {@code 30s},
 * {@code 10m}, {@code 1h30m}, {@code 2d}), or {@code 0}. No sign, no fraction, no ISO-8601. {@link #format} prints a
 * duration back in the same words ({@code 5s}, not {@code PT5S}).
 */
public final class Durations {

    /** What a duration looks like, for messages. */
    public static final String FORMS = "a number and a unit such as 30s, 10m, 1h30m, 2d or 500ms";

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final String[] ORDER = {"d", "h", "m", "s", "ms"};
    private static final int LONGEST = 40;

    private Durations() {
    }

    /** Parses {@code text}; an {@link InputRefused} names {@code field} (when not blank) and the accepted forms otherwise. */
    public static Duration parse(String field, String text) {
        String input = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (input.equals("0")) return Duration.ZERO;
        if (input.isEmpty() || input.length() > LONGEST) throw refusal(field, text);
        Matcher part = PART.matcher(input);
        Duration total = Duration.ZERO;
        int at = 0;
        int lastUnit = -1;
        while (at < input.length() && part.find(at) && part.start() == at) {
            long amount = Long.parseLong(part.group(1));
            int unit = java.util.Arrays.asList(ORDER).indexOf(part.group(2));
            if (unit <= lastUnit) throw refusal(field, text);
            lastUnit = unit;
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            at = part.end();
        }
        if (at != input.length()) throw refusal(field, text);
        return total;
    }

    /** Parses and checks that {@code min <= value <= max}, naming the field and the bounds when it is not. */
    public static Duration parse(String field, String text, Duration min, Duration max) {
        return within(field, parse(field, text), min, max);
    }

    /** Checks a duration already read; null stays null. */
    public static Duration within(String field, Duration value, Duration min, Duration max) {
        if (value == null) return null;
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InputRefused("%s is %s; it must be from %s to %s".formatted(field, format(value), format(min), format(max)));
        }
        return value;
    }

    /** The duration in the words {@link #parse} reads: {@code 0}, {@code 500ms}, {@code 5s}, {@code 1h30m}, {@code 2d}. */
    public static String format(Duration duration) {
        if (duration == null) return "";
        if (duration.isNegative()) return "-" + format(duration.negated());
        if (duration.isZero()) return "0";
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) out.append(days).append('d');
        if (duration.toHoursPart() > 0) out.append(duration.toHoursPart()).append('h');
        if (duration.toMinutesPart() > 0) out.append(duration.toMinutesPart()).append('m');
        if (duration.toSecondsPart() > 0) out.append(duration.toSecondsPart()).append('s');
        if (duration.toMillisPart() > 0) out.append(duration.toMillisPart()).append("ms");
        return out.isEmpty() ? "0" : out.toString();
    }

    private static InputRefused refusal(String field, String text) {
        String shown = text == null ? "" : text.length() > LONGEST ? text.substring(0, LONGEST) + "..." : text;
        String named = field == null || field.isBlank() ? "" : field + " ";
        return new InputRefused("%s'%s' is not a duration: use %s".formatted(named, FreeText.printable(shown), FORMS));
    }
}
