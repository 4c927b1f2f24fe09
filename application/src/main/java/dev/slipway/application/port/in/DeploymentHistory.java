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
     * names a deployment (its id) and pages on: only those listed after it, newest first; {@code environments}, when not
     * empty, lists only those environments; {@code since}, when given, only deployments created at or after it.
     */
    record HistoryRequest(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before,
                          Optional<String> after, Set<String> environments, Optional<Instant> since) {
        public HistoryRequest(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before,
                              Optional<String> after) {
            this(service, environment, statuses, limit, before, after, Set.of(), Optional.empty());
        }

        /** The same request, only of these environments (empty: any) and created at or after {@code from} (empty: any time). */
        public HistoryRequest within(Set<String> inEnvironments, Optional<Instant> from) {
            return new HistoryRequest(service, environment, statuses, limit, before, after, inEnvironments, from);
        }

        public HistoryRequest(Optional<String> service, Optional<String> environment, int limit) {
            this(service, environment, Set.of(), limit, Optional.empty(), Optional.empty());
        }

        public HistoryRequest(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before) {
            this(service, environment, statuses, limit, before, Optional.empty());
        }

        public HistoryRequest {
            environments = environments == null ? Set.of() : Set.copyOf(environments);
            since = since == null ? Optional.empty() : since;
            after = after == null ? Optional.empty() : after;
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
            before = before == null ? Optional.empty() : before;
        }
    }
}
