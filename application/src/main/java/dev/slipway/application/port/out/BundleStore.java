package dev.slipway.application.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps deploy bundles: per release, an archive with what an instance needs to run it (agent script, unit template,
 * {@code .env.example}, {@code VERSION}), filed by location (a bucket), environment and version. Storing the same
 * version again replaces it. Every method may throw {@link OutsideSystemFailure}.
 */
public interface BundleStore {

    /** Packs {@code contents} into a bundle and stores it; answers where it is. */
    Bundle store(Contents contents);

    /** The bundles of {@code environment} at {@code location}, ordered by version text. */
    List<Bundle> list(String location, String environment);

    /** The bundle of {@code version}, empty when it is gone (a rollback checks this before it uses one). */
    Optional<Bundle> find(String location, String environment, String version);

    /** What the bundle of {@code version} holds, empty when there is none. */
    Optional<Contents> open(String location, String environment, String version);

    /**
     * A bundle's files by relative path, as text; a path ending in {@code .sh} is executable once unpacked.
     * {@code location} is where bundles are kept (a bucket name).
     */
    record Contents(String location, String environment, String version, Map<String, String> files) {
        public Contents {
            if (location == null || location.isBlank() || environment == null || environment.isBlank() || version == null || version.isBlank()) {
                throw new IllegalArgumentException("a bundle needs a location, an environment and a version");
            }
            if (files == null || files.isEmpty()) throw new IllegalArgumentException("a bundle needs at least one file");
            files.keySet().forEach(path -> {
                if (path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                    throw new IllegalArgumentException("'%s' is not a relative path inside a bundle".formatted(path));
                }
            });
            files = Map.copyOf(new TreeMap<>(files));
        }
    }

    /** A stored bundle: its version, its address (such as {@code s3://bucket/bundles/dev/deploy-bundle-0.1.30-dev.tar.gz}) and size. */
    record Bundle(String location, String environment, String version, String address, long size) {}
}
