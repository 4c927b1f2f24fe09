package dev.slipway.domain.environment;

import java.util.regex.Pattern;

/** The strict form of service and environment names; they travel to targets as data and must never need quoting. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private Names() {
    }

    /** Answers the name when it is a valid name of the given kind, refuses it otherwise. */
    public static String require(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "%s name '%s' is not allowed: use lower-case letters, digits and '-', starting with a letter, at most 40 characters"
                            .formatted(kind, name));
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
