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
 * A probe whose answers tests set: endpoints are healthy unless marked sick, and report the version last set for
 * them (the fake target sets it on roll-out).
 */
public final class FakeHealthProbe implements HealthProbe {

    private final Set<URI> sick = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<URI, String> versions = new ConcurrentHashMap<>();

    public void makeSick(URI endpoint) {
        sick.add(endpoint);
    }

    public void makeHealthy(URI endpoint) {
        sick.remove(endpoint);
    }

    public void reportVersion(URI endpoint, String version) {
        versions.put(endpoint, version);
    }

    public Set<URI> sickEndpoints() {
        return new HashSet<>(sick);
    }

    @Override
    public Health probe(URI endpoint, HealthCheck check, StepContext step) {
        step.report("GET " + endpoint.resolve(check.path()));
        if (sick.contains(endpoint)) {
            return new Health(false, check.attempts(), "%s answered 503 on %d attempts".formatted(endpoint.resolve(check.path()), check.attempts()), Optional.empty());
        }
        return new Health(true, 1, "%s answered 200".formatted(endpoint.resolve(check.path())),
                check.versionPath().map(p -> versions.getOrDefault(endpoint, "")));
    }
}
