package dev.slipway.domain.access;

import java.util.Set;

/**
 * Gives {@code roles} to {@code members} (actor ids or group ids, such as Slack user ids, user-group ids or an API
 * token's actor) on the named services and environments; an empty {@code services} or {@code environments} means all.
 */
public record Grant(Set<String> members, Set<Role> roles, Set<String> services, Set<String> environments) {

    public Grant {
        members = members == null ? Set.of() : Set.copyOf(members);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        services = services == null ? Set.of() : Set.copyOf(services);
        environments = environments == null ? Set.of() : Set.copyOf(environments);
        if (members.isEmpty()) throw new IllegalArgumentException("a grant needs at least one member");
        if (roles.isEmpty()) throw new IllegalArgumentException("a grant needs at least one role");
        if (members.stream().anyMatch(m -> m == null || m.isBlank())) throw new IllegalArgumentException("a grant's members must not be blank");
    }

    public boolean covers(String service, String environment, Role role) {
        return roles.contains(role) && (services.isEmpty() || services.contains(service)) && (environments.isEmpty() || environments.contains(environment));
    }
}
