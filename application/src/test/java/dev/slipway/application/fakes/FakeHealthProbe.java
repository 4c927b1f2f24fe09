package dev.slipway.application.fakes;

import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.environment.HealthCheck;

import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A probe whose answers tests set: endpoints are healthy unless marked sick (for good, or for a number of attempts),
 * and report the version last set for them (the fake target sets it on roll-out).
 */
public final class FakeHealthProbe implements HealthProbe {

    private final Set<URI> sick = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<URI, Integer> failuresLeft = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<URI, String> versions = new ConcurrentHashMap<>();

    public void makeSick(URI endpoint) {
        sick.add(endpoint);
    }

    /** The endpoint answers 503 to the next {@code attempts} attempts, then recovers. */
    public void makeSickFor(URI endpoint, int attempts) {
        failuresLeft.put(endpoint, attempts);
    }

    public void makeHealthy(URI endpoint) {
        sick.remove(endpoint);
        failuresLeft.remove(endpoint);
    }

    public void reportVersion(URI endpoint, String version) {
        versions.put(endpoint, version);
    }

    public Set<URI> sickEndpoints() {
        return new HashSet<>(sick);
    }

    @Override
    public Health probe(URI endpoint, HealthCheck check, StepContext step) {
        URI health = endpoint.resolve(check.path());
        for (int attempt = 1; attempt <= check.attempts(); attempt++) {
            step.report("GET %s (attempt %d of %d)".formatted(health, attempt, check.attempts()), (attempt - 1) / (double) check.attempts());
            if (!sick.contains(endpoint) && failuresLeft.getOrDefault(endpoint, 0) == 0) {
                return new Health(true, attempt, "%s answered 200 on attempt %d".formatted(health, attempt),
                        check.versionPath().map(p -> versions.getOrDefault(endpoint, "").strip()));
            }
            failuresLeft.computeIfPresent(endpoint, (uri, left) -> left - 1);
        }
        return new Health(false, check.attempts(), "%s answered 503 on %d attempts".formatted(health, check.attempts()), Optional.empty());
    }
}
