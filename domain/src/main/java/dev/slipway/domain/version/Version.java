package dev.slipway.domain.version;

import java.util.regex.Pattern;

/** A release version: MAJOR.MINOR.PATCH, ordered numerically per component (0.1.10 after 0.1.9). */
public record Version(int major, int minor, int patch) implements Comparable<Version> {

    private static final Pattern FORM = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    /** The version an environment starts from when it has no release yet. */
    public static final Version FIRST = new Version(0, 1, 0);

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative component in version %d.%d.%d".formatted(major, minor, patch));
        }
    }

    /** Parses exactly {@code MAJOR.MINOR.PATCH}: three numbers without leading zeros, nothing around them. */
    public static Version parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'%s' is not a version: expected MAJOR.MINOR.PATCH such as 0.1.30".formatted(text));
        }
        String[] parts = text.split("\\.");
        return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    /** Like {@link #parse} but answers {@code null} instead of refusing; for scanning many tags quickly. */
    static Version parseOrNull(String text, int from, int to) {
        int[] parts = new int[3];
        int part = 0;
        int digits = 0;
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) return null; // leading zero
                value = value * 10 + (c - '0');
                if (++digits > 9) return null;
            } else if (c == '.' && digits > 0 && part < 2) {
                parts[part++] = (int) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 2 || digits == 0) return null;
        parts[2] = (int) value;
        return new Version(parts[0], parts[1], parts[2]);
    }

    public Version nextPatch() {
        return new Version(major, minor, patch + 1);
    }

    public Version nextMinor() {
        return new Version(major, minor + 1, 0);
    }

    public Version nextMajor() {
        return new Version(major + 1, 0, 0);
    }

    public Version bump(Bump bump) {
        return switch (bump) {
            case PATCH -> nextPatch();
            case MINOR -> nextMinor();
            case MAJOR -> nextMajor();
        };
    }

    @Override
    public int compareTo(Version other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) return byMajor;
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
