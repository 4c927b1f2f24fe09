package dev.slipway.adapter.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which Slipway this is: its version, the git commit it was built from and when, as the build wrote them into
 * {@value #RESOURCE}. A build outside a git checkout knows no commit: it says "unknown", never fails.
 */
public record SlipwayVersion(String version, String commit, String built) {

    static final String RESOURCE = "/META-INF/slipway/version.properties";
    private static final String UNKNOWN = "unknown";

    public SlipwayVersion {
        version = known(version);
        commit = known(commit);
        built = known(built);
    }

    /** The version of the classes running now; every part "unknown" when the resource is missing (a build by an IDE). */
    public static SlipwayVersion current() {
        Properties properties = new Properties();
        try (InputStream in = SlipwayVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        return new SlipwayVersion(properties.getProperty("version"), properties.getProperty("commit"), properties.getProperty("built"));
    }

    /** What {@code slipway --version} prints: {@code slipway 0.1.0 (commit 3f2a9c81d0e4, built 2026-11-24T07:30:00Z)}. */
    public String line() {
        return "slipway %s (commit %s, built %s)".formatted(version, commit, built);
    }

    private static String known(String value) {
        // Ant leaves ${...} in place when a property could not be set.
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
    }
}
