package dev.slipway.bootstrap.serve;

import dev.slipway.adapter.jdbc.RegistryReachability;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of the server's readiness: DOWN while the registry cannot be reached or its H2 file has disappeared, so that a
 * load balancer stops sending requests that could only fail, and an operator sees why in the health details.
 */
final class RegistryReadiness implements HealthIndicator {

    private final RegistryReachability registry;

    RegistryReadiness(RegistryReachability registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        return registry.problem().map(problem -> Health.down().withDetail("registry", problem).build()).orElseGet(() -> Health.up().build());
    }
}
