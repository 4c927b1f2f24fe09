package dev.slipway.domain.environment;

import dev.slipway.domain.access.AccessRules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every service Slipway knows, and who may act on them through the remote front ends, from configuration. */
public record Catalog(List<Service> services, AccessRules access) {

    public Catalog(List<Service> services) {
        this(services, AccessRules.NONE);
    }

    public Catalog {
        access = access == null ? AccessRules.NONE : access;
        if (services == null || services.isEmpty()) throw new IllegalArgumentException("configuration declares no service");
        Map<String, Service> seen = new LinkedHashMap<>();
        for (Service service : services) {
            if (seen.put(service.name(), service) != null) throw new IllegalArgumentException("service %s is declared twice".formatted(service.name()));
        }
        services = List.copyOf(services);
    }

    public Optional<Service> find(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The service a command means: the named one, or the only one when no name is given.
     * Refuses with a message listing the choices when the name is unknown or missing among several.
     */
    public Service resolve(Optional<String> name) {
        if (name.isPresent()) {
            return find(name.get()).orElseThrow(() -> new IllegalArgumentException(
                    "no service named '%s'; known services: %s".formatted(name.get(), String.join(", ", names()))));
        }
        if (services.size() == 1) return services.getFirst();
        throw new IllegalArgumentException("several services are configured (%s): name one with --service".formatted(String.join(", ", names())));
    }

    public List<String> names() {
        return services.stream().map(Service::name).toList();
    }
}
