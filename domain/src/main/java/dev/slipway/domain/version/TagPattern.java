package dev.slipway.domain.version;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an environment names its release tags: text around one {@code {version}} placeholder,
 * such as {@code {version}-dev} (0.1.30-dev) or {@code v{version}} (v0.1.30).
 */
public record TagPattern(String pattern) {

    public static final String PLACEHOLDER = "{version}";
    private static final Pattern AFFIX = Pattern.compile("[A-Za-z0-9._/-]*");

    public TagPattern {
        if (pattern == null || pattern.indexOf(PLACEHOLDER) < 0 || pattern.indexOf(PLACEHOLDER) != pattern.lastIndexOf(PLACEHOLDER)) {
            throw new IllegalArgumentException("tag pattern '%s' must contain {version} exactly once, as in {version}-dev or v{version}".formatted(pattern));
        }
        String around = pattern.replace(PLACEHOLDER, "");
        if (!AFFIX.matcher(around).matches()) {
            throw new IllegalArgumentException("tag pattern '%s' may only add letters, digits and . _ / - around {version}".formatted(pattern));
        }
    }

    public static TagPattern of(String pattern) {
        return new TagPattern(pattern);
    }

    public String prefix() {
        return pattern.substring(0, pattern.indexOf(PLACEHOLDER));
    }

    public String suffix() {
        return pattern.substring(pattern.indexOf(PLACEHOLDER) + PLACEHOLDER.length());
    }

    /** The tag name of a version: 0.1.30 under {version}-dev is 0.1.30-dev. */
    public String format(Version version) {
        return prefix() + version + suffix();
    }

    /** The version a tag names under this pattern, or empty when the tag does not follow it. */
    public Optional<Version> parse(String tag) {
        return Optional.ofNullable(versionOrNull(tag));
    }

    /** The version of a tag, or {@code null}; allocation-light for scanning thousands of tags. */
    public Version versionOrNull(String tag) {
        String prefix = prefix();
        String suffix = suffix();
        if (tag == null || tag.length() <= prefix.length() + suffix.length()
                || !tag.startsWith(prefix) || !tag.endsWith(suffix)) {
            return null;
        }
        return Version.parseOrNull(tag, prefix.length(), tag.length() - suffix.length());
    }

    /**
     * Reads a version a person typed: the bare version (0.1.30) or the whole tag (0.1.30-dev).
     * Refuses anything else with a message that shows both accepted forms.
     */
    public Version parseInput(String input) {
        String text = input == null ? "" : input.trim();
        Version asTag = versionOrNull(text);
        if (asTag != null) return asTag;
        Version bare = Version.parseOrNull(text, 0, text.length());
        if (bare != null) return bare;
        throw new IllegalArgumentException("'%s' is not a version: expected MAJOR.MINOR.PATCH such as %s, or the tag %s"
                .formatted(text, new Version(0, 1, 30), format(new Version(0, 1, 30))));
    }

    /** The highest version among tags that follow this pattern, or empty when none does. */
    public Optional<Version> latest(Iterable<String> tags) {
        Version best = null;
        for (String tag : tags) {
            Version v = versionOrNull(tag);
            if (v != null && (best == null || v.compareTo(best) > 0)) best = v;
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
