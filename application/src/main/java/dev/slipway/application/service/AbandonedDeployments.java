package dev.slipway.application.service;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentChanged;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds deployments that nobody works on any more: in flight while their process's lock lease ran out (the process
 * died, for example under kill -9) become INTERRUPTED and their lock is freed; approval requests past their expiry
 * are cancelled. Safe to run from any process at any time: every change is a compare-and-set, so the sweep never
 * overwrites a deployment its owner (or a decision) saved after the sweep read it.
 */
public final class AbandonedDeployments {

    private final DeploymentRegistry registry;
    private final DeploymentLocks locks;
    private final Clock clock;
    private final AuditTrail audit;
    private final Duration freshness;
    private volatile Instant lastFullSweep;

    public AbandonedDeployments(DeploymentRegistry registry, DeploymentLocks locks, Clock clock, AuditTrail audit) {
        this(registry, locks, clock, audit, Duration.ZERO);
    }

    /**
     * {@code freshness}: how long a sweep of every environment stays good enough for a query ({@link #sweepForQuery});
     * a server sweeps everything at that rhythm, so its history and status requests need not sweep again.
     */
    public AbandonedDeployments(DeploymentRegistry registry, DeploymentLocks locks, Clock clock, AuditTrail audit, Duration freshness) {
        this.registry = registry;
        this.locks = locks;
        this.clock = clock;
        this.audit = audit;
        this.freshness = freshness;
    }

    /**
     * What a read-only query (history, status) sweeps: nothing when every environment was swept within the freshness,
     * otherwise as {@link #sweep}. Commands always sweep, since they act on what they find (an expired approval).
     */
    List<Deployment> sweepForQuery(String service, String environment) {
        Instant last = lastFullSweep;
        if (last != null && clock.now().isBefore(last.plus(freshness))) return List.of();
        return sweep(service, environment);
    }

    /** Sweeps one environment, or every environment when both names are null; answers what it changed. */
    public List<Deployment> sweep(String service, String environment) {
        if (service == null && environment == null) lastFullSweep = clock.now();
        List<Deployment> changed = new ArrayList<>();
        for (Deployment d : registry.withStatus(EnumSet.of(Status.RUNNING, Status.ROLLING_BACK, Status.AWAITING_APPROVAL))) {
            if (service != null && !d.service().equals(service)) continue;
            if (environment != null && !d.environment().equals(environment)) continue;
            abandoned(d).ifPresent(changed::add);
        }
        return changed;
    }

    /**
     * Marks the deployments that process {@code owner} runs as INTERRUPTED and frees their locks: for a process that
     * stops (a server shut down) before they could end, so that nobody waits for its lease to run out.
     */
    public List<Deployment> leave(String owner, String why) {
        List<Deployment> changed = new ArrayList<>();
        var now = clock.now();
        for (Deployment d : registry.withStatus(EnumSet.of(Status.RUNNING, Status.ROLLING_BACK))) {
            if (d.owner().filter(owner::equals).isEmpty()) continue;
            Deployment interrupted;
            try {
                interrupted = registry.save(d.interrupt(why, now));
            } catch (DeploymentChanged meanwhile) {
                // Its own runner (or a sweep) wrote it after we read it: the next look decides again.
                continue;
            }
            locks.release(new LockKey(d.service(), d.environment()), owner);
            audit.record(Actor.SYSTEM, "interrupt", d.service() + "/" + d.environment() + " " + d.id(), "interrupted", why);
            changed.add(interrupted);
        }
        return changed;
    }

    private Optional<Deployment> abandoned(Deployment d) {
        var now = clock.now();
        if (d.status() == Status.AWAITING_APPROVAL) {
            if (d.approval().map(a -> a.isExpiredAt(now)).orElse(false)) {
                Deployment expired;
                try {
                    expired = registry.save(d.expireApproval(now));
                } catch (DeploymentChanged decided) {
                    // Someone approved or rejected it after we read it: their decision stands.
                    return Optional.empty();
                }
                audit.record(Actor.SYSTEM, "expire-approval", d.service() + "/" + d.environment() + " " + d.id(), "cancelled", expired.failure().orElse(""));
                return Optional.of(expired);
            }
            return Optional.empty();
        }
        LockKey key = new LockKey(d.service(), d.environment());
        Optional<Lock> lock = locks.current(key);
        boolean held = lock.filter(l -> l.deployment().filter(d.id().value()::equals).isPresent()).filter(l -> !l.isExpiredAt(now)).isPresent();
        if (held) return Optional.empty();
        String why = lock.filter(l -> l.deployment().filter(d.id().value()::equals).isPresent())
                .map(l -> "its process %s stopped renewing its lock, which expired at %s".formatted(l.holder(), l.expiresAt().orElseThrow()))
                .orElse("its process %s no longer holds the lock".formatted(d.owner().orElse("?")));
        Deployment interrupted;
        try {
            interrupted = registry.save(d.interrupt(why, now));
        } catch (DeploymentChanged meanwhile) {
            // Its owner saved it after we read it, so it was alive then: the owner's write stands, and its fencing token
            // tells it whether it may go on.
            return Optional.empty();
        }
        lock.filter(l -> l.deployment().filter(d.id().value()::equals).isPresent()).ifPresent(l -> locks.release(key, l.holder()));
        audit.record(Actor.SYSTEM, "interrupt", d.service() + "/" + d.environment() + " " + d.id(), "interrupted", why);
        return Optional.of(interrupted);
    }
}
