package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record of every deployment, its journal of steps and its release: the history that replaces a hand-edited
 * {@code deployments.json}. Every method may throw {@link OutsideSystemFailure}.
 */
public interface DeploymentRegistry {

    /**
     * Stores the deployment as it now stands, steps included, as a compare-and-set on its revision: a deployment at
     * revision 0 is inserted (and refused if its id exists), one at revision n replaces what is stored only if the stored
     * revision is still n. Answers the saved deployment, at revision n + 1.
     *
     * @throws DeploymentChanged when the stored revision is not the deployment's (another writer saved it first)
     */
    Deployment save(Deployment deployment);

    Optional<Deployment> find(DeploymentId id);

    /** Deployments newest first, filtered and paged as the query says. */
    List<Deployment> history(HistoryQuery query);

    /**
     * Deployments whose id starts with {@code prefix} (lower-case hex), at most {@code limit}, newest first. The default
     * pages through the whole history; an adapter that can ask its store directly should.
     */
    default List<Deployment> startingWith(String prefix, int limit) {
        List<Deployment> found = new java.util.ArrayList<>();
        Optional<Deployment> after = Optional.empty();
        while (true) {
            List<Deployment> page = history(new HistoryQuery(Optional.empty(), Optional.empty(), Set.of(), 1000, Optional.empty(), after));
            for (Deployment d : page) {
                if (d.id().value().startsWith(prefix)) found.add(d);
                if (found.size() >= limit) return found;
            }
            if (page.size() < 1000) return found;
            after = Optional.of(page.getLast());
        }
    }

    /** The newest deployment of the service's environment whose status is one of {@code statuses}. */
    Optional<Deployment> latest(String service, String environment, Set<Status> statuses);

    /** Deployments whose status is one of {@code statuses}, across all services, oldest first. */
    List<Deployment> withStatus(Set<Status> statuses);

    /**
     * Records that the request with this key (a Slack trigger, a webhook delivery, an API idempotency key) is being acted
     * on, atomically: true for the first caller, false for every later one, in this process or another sharing the
     * registry. Keys are at most 200 characters.
     */
    boolean firstDelivery(String requestKey, Instant at);

    /**
     * Forgets a request key claimed by {@link #firstDelivery}, so that the next request with it is acted on: for a
     * request refused before any work started. Does nothing for a key never claimed.
     */
    void forgetRequest(String requestKey);

    /**
     * What to list: optional service, environment and statuses; newest first (by creation time, then id), at most
     * {@code limit}; with {@code after}, only those that come after that deployment in this order, so the next page
     * starts right after the last one shown, even among deployments created in the same microsecond; with
     * {@code before}, only those created strictly before that time.
     */
    record HistoryQuery(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before,
                        Optional<Deployment> after) {
        public HistoryQuery(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before) {
            this(service, environment, statuses, limit, before, Optional.empty());
        }

        public HistoryQuery {
            after = after == null ? Optional.empty() : after;
            service = service == null ? Optional.empty() : service;
            environment = environment == null ? Optional.empty() : environment;
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
            before = before == null ? Optional.empty() : before;
            if (limit < 1 || limit > 1000) throw new IllegalArgumentException("history limit must be between 1 and 1000, not " + limit);
        }

        public static HistoryQuery of(String service, String environment, int limit) {
            return new HistoryQuery(Optional.ofNullable(service), Optional.ofNullable(environment), Set.of(), limit, Optional.empty());
        }
    }
}
