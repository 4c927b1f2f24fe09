package dev.slipway.domain.input;

import java.util.regex.Pattern;

/**
 * The limits on text that people and clients send: a deployment's name, its summary, the reason for a lock or a
 * rejection, an approval's comment, and the words that name a service, environment or version. Checked in the
 * commands themselves, so every front end refuses the same things before any work starts.
 */
public final class FreeText {

    public static final int NAME = 200;
    public static final int SUMMARY = 4_000;
    public static final int REASON = 500;
    /** A service, an environment, a version or a tag as typed. */
    public static final int WORD = 200;

    /** What service and environment keys look like: lower-case letters, digits and dashes, starting with a letter or digit. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private FreeText() {
    }

    /** A deployment's name: one line of at most 200 characters. */
    public static String name(String value) {
        return line("the name", value, NAME);
    }

    /** A deployment's summary: at most 4 000 characters, newlines allowed, no other control character. */
    public static String summary(String value) {
        if (value == null) return null;
        check("the summary", value, SUMMARY, true);
        return value;
    }

    /** A lock's or a rejection's reason, an approval's comment: one line of at most 500 characters. */
    public static String reason(String field, String value) {
        return line(field, value, REASON);
    }

    /** A service, an environment, a version as typed: one line of at most 200 characters. */
    public static String word(String field, String value) {
        return line(field, value, WORD);
    }

    private static String line(String field, String value, int limit) {
        if (value == null) return null;
        check(field, value, limit, false);
        return value;
    }

    private static void check(String field, String value, int limit, boolean newlines) {
        int length = value.codePointCount(0, value.length());
        if (length > limit) {
            throw new InputRefused("%s is %d characters long; at most %d are allowed: shorten it".formatted(field, length, limit));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (newlines && (c == '\n' || c == '\r')) continue;
            if (Character.isISOControl(c) || isBidiControl(c)) {
                throw new InputRefused("%s holds a control character (U+%04X at position %d)%s; remove it".formatted(field, (int) c, i + 1,
                        newlines ? "; only newlines are allowed" : ""));
            }
        }
    }

    /** The invisible marks that reorder text on screen (a classic way to make a name read as another). */
    static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /** {@code text} with control characters shown as {@code ?}, for quoting a refused value back. */
    public static String printable(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(Character.isISOControl(c) || isBidiControl((char) c) ? '?' : (char) c));
        return out.toString();
    }
}
