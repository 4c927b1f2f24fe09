package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Service;

import java.util.List;
import java.util.Optional;

/** Lists deployments newest first and shows one with its journal, after marking abandoned ones as interrupted. */
public final class HistoryService implements DeploymentHistory {

    private final Catalog catalog;
    private final DeploymentRegistry registry;
    private final AbandonedDeployments abandoned;

    public HistoryService(Catalog catalog, DeploymentRegistry registry, AbandonedDeployments abandoned) {
        this.catalog = catalog;
        this.registry = registry;
        this.abandoned = abandoned;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public QueryOutcome<List<Deployment>> history(HistoryRequest request) {
        try {
            if (request.limit() < 1 || request.limit() > 1000) throw new IllegalArgumentException("--limit must be between 1 and 1000, not " + request.limit());
            Optional<String> service = request.service().or(() -> catalog.services().size() == 1 ? Optional.of(catalog.services().getFirst().name()) : Optional.empty());
            if (service.isPresent()) {
                Service known = catalog.resolve(service);
                request.environment().ifPresent(env -> DeployService.environmentOf(known, env));
                request.environments().forEach(env -> DeployService.environmentOf(known, env));
            }
            abandoned.sweepForQuery(service.orElse(null), request.environment().orElse(null));
            Optional<Deployment> after = request.after().map(id -> registry.find(DeploymentId.of(id))
                    .orElseThrow(() -> new IllegalArgumentException("there is no deployment %s to page on from".formatted(id))));
            return new QueryOutcome.Answer<>(registry.history(new HistoryQuery(service, request.environment(), request.statuses(), request.limit(),
                    request.before(), after).within(request.environments(), request.since())));
        } catch (IllegalArgumentException e) {
            return (QueryOutcome) Outcomes.invalid(e);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public QueryOutcome<Deployment> deployment(String id) {
        try {
            Deployment found = DeploymentIds.find(registry, id);
            abandoned.sweepForQuery(found.service(), found.environment());
            return new QueryOutcome.Answer<>(registry.find(found.id()).orElseThrow());
        } catch (IllegalArgumentException e) {
            return (QueryOutcome) Outcomes.invalid(e);
        }
    }
}
