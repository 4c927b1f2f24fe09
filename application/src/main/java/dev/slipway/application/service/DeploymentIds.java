package dev.slipway.application.service;

import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.input.FreeText;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Finds a deployment by its id or, as git finds commits, by any unique start of it of at least
 * {@value DeploymentId#SHORTEST_PREFIX} hex digits; an ambiguous start is refused naming the candidates.
 */
final class DeploymentIds {

    private static final int CANDIDATES = 10;

    private DeploymentIds() {
    }

    static Deployment find(DeploymentRegistry registry, String typed) {
        String id = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (!DeploymentId.isPrefix(id)) {
            throw new InvalidRequest("'%s' is not a deployment id: expected %d to 12 hex digits, as history shows them"
                    .formatted(FreeText.printable(id), DeploymentId.SHORTEST_PREFIX), "list the deployments and their ids with `slipway history`");
        }
        if (id.length() == 12) {
            return registry.find(DeploymentId.of(id)).orElseThrow(() -> noSuch(id));
        }
        List<Deployment> matches = registry.startingWith(id, CANDIDATES + 1);
        if (matches.isEmpty()) throw noSuch(id);
        if (matches.size() > 1) {
            String candidates = matches.stream().limit(CANDIDATES)
                    .map(d -> "%s (%s/%s %s, %s)".formatted(d.id(), d.service(), d.environment(), d.release().tag(), d.status().name().toLowerCase(Locale.ROOT)))
                    .collect(Collectors.joining(", "));
            throw new InvalidRequest("'%s' starts %s deployments: %s".formatted(id, matches.size() > CANDIDATES ? "more than " + CANDIDATES : matches.size(),
                    candidates), "type more of the id, such as " + matches.getFirst().id());
        }
        return matches.getFirst();
    }

    private static InvalidRequest noSuch(String id) {
        return new InvalidRequest("there is no deployment %s".formatted(id), "list the deployments and their ids with `slipway history`");
    }
}
