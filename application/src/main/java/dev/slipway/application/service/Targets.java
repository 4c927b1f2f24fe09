package dev.slipway.application.service;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.domain.environment.Environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deployment targets this process can drive, by type. */
public final class Targets {

    private final Map<String, DeploymentTarget> byType = new LinkedHashMap<>();

    public Targets(List<DeploymentTarget> targets) {
        for (DeploymentTarget target : targets) {
            if (byType.put(target.type(), target) != null) throw new IllegalArgumentException("two targets of type " + target.type());
        }
    }

    /** The target an environment names; refuses with the known types when there is none of that type. */
    public DeploymentTarget of(Environment environment) {
        DeploymentTarget target = byType.get(environment.target().type());
        if (target == null) {
            throw new IllegalArgumentException("environment %s uses target type '%s', which this build does not have; known types: %s"
                    .formatted(environment.name(), environment.target().type(), String.join(", ", byType.keySet())));
        }
        return target;
    }

    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
