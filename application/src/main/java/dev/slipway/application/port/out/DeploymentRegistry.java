package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
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
     * Every deployment that finished at or after {@code from} and before {@code to}, of one service or (empty) of all,
     * without its steps or notes, ordered by finish time then id: the few facts delivery metrics read, fetched in one
     * narrow query so that a window of many thousands stays quick.
     */
    List<Finished> finished(Optional<String> service, Instant from, Instant to);

    /**
     * The commits of the service's release notes whose first delivery to {@code environment} (the earliest finish of a
     * succeeded deployment there that is not a rollback and lists them) falls at or after {@code from} and before
     * {@code to}, one per commit, ordered by delivery then sha. A commit first delivered before {@code from} is not listed.
     */
    List<Delivery> deliveries(String service, String environment, Instant from, Instant to);

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
     * {@code before}, only those created strictly before that time; with {@code environments} not empty, only those of
     * these environments; with {@code since}, only those created at or after that time.
     */
    record HistoryQuery(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before,
                        Optional<Deployment> after, Set<String> environments, Optional<Instant> since) {
        public HistoryQuery(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before) {
            this(service, environment, statuses, limit, before, Optional.empty());
        }

        public HistoryQuery(Optional<String> service, Optional<String> environment, Set<Status> statuses, int limit, Optional<Instant> before,
                            Optional<Deployment> after) {
            this(service, environment, statuses, limit, before, after, Set.of(), Optional.empty());
        }

        /** The same query, only of these environments (empty: any) and of deployments created at or after {@code from} (empty: any time). */
        public HistoryQuery within(Set<String> inEnvironments, Optional<Instant> from) {
            return new HistoryQuery(service, environment, statuses, limit, before, after, inEnvironments, from);
        }

        public HistoryQuery {
            environments = environments == null ? Set.of() : Set.copyOf(environments);
            since = since == null ? Optional.empty() : since;
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

    /** A finished deployment as metrics see it: {@code previousTag} is the release the environment ran before it, if any. */
    record Finished(DeploymentId id, Kind kind, String service, String environment, Status status, String tag, Optional<String> previousTag,
                    Instant createdAt, Instant finishedAt) {
        public Finished {
            if (id == null || kind == null || service == null || environment == null || status == null || tag == null || createdAt == null
                    || finishedAt == null) {
                throw new IllegalArgumentException("a finished deployment needs its id, kind, place, status, tag and times");
            }
            previousTag = previousTag == null ? Optional.empty() : previousTag;
        }

        /** The facts of a deployment that has finished. */
        public static Finished of(Deployment d) {
            return new Finished(d.id(), d.kind(), d.service(), d.environment(), d.status(), d.release().tag(),
                    d.previous().map(dev.slipway.domain.release.Release::tag), d.createdAt(), d.finishedAt().orElseThrow(
                            () -> new IllegalArgumentException("deployment %s has not finished".formatted(d.id()))));
        }
    }

    /** A commit ({@code sha}), when its author wrote it, and when it first reached the environment. */
    record Delivery(String sha, Instant authoredAt, Instant deliveredAt) {
        public Delivery {
            if (sha == null || authoredAt == null || deliveredAt == null) throw new IllegalArgumentException("a delivery needs a commit and two times");
        }
    }
}
