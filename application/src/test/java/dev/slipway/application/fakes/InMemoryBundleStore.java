package dev.slipway.application.fakes;

import dev.slipway.application.port.out.BundleStore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Bundles kept in memory, filed by location, environment and version, addressed as {@code memory://...}. */
public final class InMemoryBundleStore implements BundleStore {

    private final Map<String, Contents> bundles = new ConcurrentSkipListMap<>();

    @Override
    public Bundle store(Contents contents) {
        bundles.put(key(contents.location(), contents.environment(), contents.version()), contents);
        return bundleOf(contents);
    }

    @Override
    public List<Bundle> list(String location, String environment) {
        String prefix = key(location, environment, "");
        return bundles.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> bundleOf(e.getValue())).toList();
    }

    @Override
    public Optional<Bundle> find(String location, String environment, String version) {
        return open(location, environment, version).map(InMemoryBundleStore::bundleOf);
    }

    @Override
    public Optional<Contents> open(String location, String environment, String version) {
        return Optional.ofNullable(bundles.get(key(location, environment, version)));
    }

    /** Forgets a bundle, as a bucket lifecycle rule would. */
    public void expire(String location, String environment, String version) {
        bundles.remove(key(location, environment, version));
    }

    private static String key(String location, String environment, String version) {
        return location + "/" + environment + "/" + version;
    }

    private static Bundle bundleOf(Contents contents) {
        long size = contents.files().entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        return new Bundle(contents.location(), contents.environment(), contents.version(),
                "memory://%s/bundles/%s/deploy-bundle-%s.tar.gz".formatted(contents.location(), contents.environment(), contents.version()), size);
    }
}
