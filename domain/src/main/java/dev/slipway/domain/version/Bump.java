package dev.slipway.domain.version;

import java.util.Locale;

/** Which component of the version a new release increments. */
public enum Bump {
    PATCH, MINOR, MAJOR;

    public static Bump parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'%s' is not a bump: use patch, minor or major".formatted(text));
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
