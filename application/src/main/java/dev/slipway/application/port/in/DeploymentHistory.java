package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;

import java.time.Instant;
import java.util.Set;

import java.util.List;
import java.util.Optional;

/** The deployments of a service, newest first, and any one of them with its journal. */
public interface DeploymentHistory {

    QueryOutcome<List<Deployment>> history(HistoryRequest request);

    QueryOutcome<Deployment> deployment(String id);

    /**
     * {@code environment} empty lists every environment; {@code statuses} empty lists every status; {@code limit} is
     * between 1 and 1000; {@code before}, when given, lists only deployments created strictly before it; {@code after}
     * names a deployment (its id) and pages on: only those listed after it, newest first.
     */
    record HistoryRequest(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before,
                          Optional<String> after) {
        public HistoryRequest(Optional<String> service, Optional<String> environment, int limit) {
            this(service, environment, Set.of(), limit, Optional.empty(), Optional.empty());
        }

        public HistoryRequest(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before) {
            this(service, environment, statuses, limit, before, Optional.empty());
        }

        public HistoryRequest {
            after = after == null ? Optional.empty() : after;
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
            before = before == null ? Optional.empty() : before;
        }
    }
}
