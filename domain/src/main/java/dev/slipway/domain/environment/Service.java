package dev.slipway.domain.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Something deployed: a name, the git repository its releases come from, and its environments in declared order. */
public record Service(String name, SourceRepository repository, Map<String, Environment> environments) {

    public Service {
        Names.require("service", name);
        if (repository == null) throw new IllegalArgumentException("service %s needs a repository".formatted(name));
        if (environments == null || environments.isEmpty()) throw new IllegalArgumentException("service %s needs at least one environment".formatted(name));
        environments.forEach((key, env) -> {
            if (!key.equals(env.name())) throw new IllegalArgumentException("environment key %s does not match its name %s".formatted(key, env.name()));
        });
        Map<String, Environment> byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        environments = byName;
        for (Environment env : byName.values()) {
            env.promotedFrom().ifPresent(from -> {
                if (!byName.containsKey(from)) {
                    throw new IllegalArgumentException("environment %s of %s is promoted from %s, which %s does not have".formatted(env.name(), name, from, name));
                }
            });
        }
    }

    public static Service of(String name, SourceRepository repository, List<Environment> environments) {
        Map<String, Environment> byName = new LinkedHashMap<>();
        for (Environment env : environments) {
            if (byName.put(env.name(), env) != null) throw new IllegalArgumentException("service %s declares environment %s twice".formatted(name, env.name()));
        }
        return new Service(name, repository, byName);
    }

    public Optional<Environment> environment(String name) {
        return Optional.ofNullable(environments.get(name));
    }

    public List<String> environmentNames() {
        return new ArrayList<>(environments.keySet());
    }
}
