package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Deployment;

import java.util.List;
import java.util.Optional;

/** The deployments of a service, newest first, and any one of them with its journal. */
public interface DeploymentHistory {

    QueryOutcome<List<Deployment>> history(HistoryRequest request);

    QueryOutcome<Deployment> deployment(String id);

    /** {@code environment} empty lists every environment; {@code limit} is between 1 and 1000. */
    record HistoryRequest(Optional<String> service, Optional<String> environment, int limit) {
        public HistoryRequest {
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
        }
    }
}
