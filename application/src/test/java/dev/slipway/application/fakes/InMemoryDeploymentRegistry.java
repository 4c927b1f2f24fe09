package dev.slipway.application.fakes;

import dev.slipway.application.port.out.DeploymentChanged;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Status;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The registry in a map, for tests of the core; a save is a compare-and-set on the revision, as in the real one. */
public final class InMemoryDeploymentRegistry implements DeploymentRegistry {

    private static final Comparator<Deployment> NEWEST_FIRST =
            Comparator.comparing(Deployment::createdAt).thenComparing(d -> d.id().value()).reversed();

    private final ConcurrentHashMap<DeploymentId, Deployment> deployments = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeploymentId, Runnable> beforeNextSave = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger historyUnanswered = new java.util.concurrent.atomic.AtomicInteger();

    /** The next {@code reads} calls of {@link #history} fail as a registry that does not answer fails (retryable). */
    public void leaveHistoryUnanswered(int reads) {
        historyUnanswered.set(reads);
    }

    /**
     * Runs {@code meanwhile} once, just before the next save of deployment {@code id} compares revisions: how a test
     * makes another writer (a second replica, the sweep) save the deployment between a writer's read and its write.
     */
    public void beforeNextSave(DeploymentId id, Runnable meanwhile) {
        beforeNextSave.put(id, meanwhile);
    }

    @Override
    public Deployment save(Deployment deployment) {
        Runnable meanwhile = beforeNextSave.remove(deployment.id());
        if (meanwhile != null) meanwhile.run();
        Deployment saved = deployment.atRevision(deployment.revision() + 1);
        boolean[] lost = new boolean[1];
        deployments.compute(deployment.id(), (id, existing) -> {
            long current = existing == null ? 0 : existing.revision();
            lost[0] = current != deployment.revision();
            return lost[0] ? existing : saved;
        });
        if (lost[0]) throw new DeploymentChanged(deployment.id(), deployment.revision());
        return saved;
    }

    @Override
    public Optional<Deployment> find(DeploymentId id) {
        return Optional.ofNullable(deployments.get(id));
    }

    @Override
    public List<Deployment> history(HistoryQuery query) {
        if (historyUnanswered.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new dev.slipway.application.port.out.OutsideSystemFailure("the registry", "read the history", true, "the database does not answer");
        }
        return deployments.values().stream()
                .filter(d -> query.service().map(d.service()::equals).orElse(true))
                .filter(d -> query.environment().map(d.environment()::equals).orElse(true))
                .filter(d -> query.statuses().isEmpty() || query.statuses().contains(d.status()))
                .filter(d -> query.before().map(b -> d.createdAt().isBefore(b)).orElse(true))
                .filter(d -> query.after().map(a -> NEWEST_FIRST.compare(d, a) > 0).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<Deployment> latest(String service, String environment, Set<Status> statuses) {
        return deployments.values().stream()
                .filter(d -> d.service().equals(service) && d.environment().equals(environment) && statuses.contains(d.status()))
                .min(Comparator.comparing((Deployment d) -> d.finishedAt().orElse(d.updatedAt())).thenComparing(Deployment::createdAt).reversed());
    }

    @Override
    public List<Deployment> withStatus(Set<Status> statuses) {
        return deployments.values().stream()
                .filter(d -> statuses.contains(d.status()))
                .sorted(NEWEST_FIRST.reversed())
                .toList();
    }

    @Override
    public boolean firstDelivery(String requestKey, Instant at) {
        return requests.putIfAbsent(requestKey, at) == null;
    }

    @Override
    public void forgetRequest(String requestKey) {
        requests.remove(requestKey);
    }
}
