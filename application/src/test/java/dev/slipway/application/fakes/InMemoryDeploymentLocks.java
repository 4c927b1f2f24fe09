package dev.slipway.application.fakes;

import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Locks in a map, with leases read off the given clock and fencing tokens from a counter. */
public final class InMemoryDeploymentLocks implements DeploymentLocks {

    private final Clock clock;
    private final ConcurrentHashMap<LockKey, Lock> locks = new ConcurrentHashMap<>();
    private long lastToken;
    private final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();

    public InMemoryDeploymentLocks(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Acquisition acquire(LockKey key, String holder, String actor, String reason, Optional<Duration> lease, Optional<String> deployment) {
        var now = clock.now();
        Lock existing = locks.get(key);
        if (existing != null && !existing.isExpiredAt(now)) {
            return existing.isFor(holder, deployment) ? new Acquisition.Acquired(existing, Optional.empty()) : new Acquisition.HeldByOther(existing);
        }
        Lock lock = new Lock(key, holder, actor, reason, now, lease.map(now::plus), deployment, ++lastToken);
        locks.put(key, lock);
        return new Acquisition.Acquired(lock, Optional.ofNullable(existing));
    }

    @Override
    public synchronized boolean renew(LockKey key, String holder, Duration lease) {
        Lock existing = locks.get(key);
        if (existing == null || !existing.holder().equals(holder) || existing.isManual()) return false;
        locks.put(key, new Lock(key, holder, existing.actor(), existing.reason(), existing.acquiredAt(), Optional.of(clock.now().plus(lease)), existing.deployment(),
                existing.fencingToken()));
        return true;
    }

    @Override
    public synchronized boolean release(LockKey key, String holder) {
        Lock existing = locks.get(key);
        if (existing == null || !existing.holder().equals(holder)) return false;
        locks.remove(key);
        return true;
    }

    @Override
    public synchronized Optional<Lock> breakLock(LockKey key) {
        return Optional.ofNullable(locks.remove(key));
    }

    @Override
    public Optional<Lock> current(LockKey key) {
        if (unanswered.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new dev.slipway.application.port.out.OutsideSystemFailure("the registry", "read the lock on " + key, true, "the database does not answer");
        }
        return Optional.ofNullable(locks.get(key));
    }

    /** The next {@code reads} calls of {@link #current} fail as a registry that does not answer fails (retryable). */
    public void leaveUnanswered(int reads) {
        unanswered.set(reads);
    }

    @Override
    public List<Lock> all() {
        return new ArrayList<>(locks.values());
    }
}
