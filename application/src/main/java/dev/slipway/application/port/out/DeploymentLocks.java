package dev.slipway.application.port.out;

import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * At most one holder per service and environment, across every process sharing the store. A lease that its holder
 * stops renewing expires and may be taken over. Every method may throw {@link OutsideSystemFailure}.
 */
public interface DeploymentLocks {

    /**
     * Takes the lock when it is free or its lease has expired; otherwise answers who holds it.
     * {@code lease} empty asks for a manual lock that holds until released.
     */
    Acquisition acquire(LockKey key, String holder, String actor, String reason, Optional<Duration> lease, Optional<String> deployment);

    /** Extends the holder's lease; false when the holder no longer holds the lock (it expired and was taken over). */
    boolean renew(LockKey key, String holder, Duration lease);

    /** Lets go of the lock if {@code holder} holds it; false when it did not. */
    boolean release(LockKey key, String holder);

    /** Removes the lock whoever holds it (an operator's unlock); answers the lock that was removed. */
    Optional<Lock> breakLock(LockKey key);

    /** The lock on the key, expired leases included (the caller decides what an expired lease means). */
    Optional<Lock> current(LockKey key);

    /** Every lock held, expired leases included. */
    List<Lock> all();

    /** The answer to {@link #acquire}. */
    sealed interface Acquisition {
        record Acquired(Lock lock, Optional<Lock> tookOverExpired) implements Acquisition {}
        record HeldByOther(Lock lock) implements Acquisition {}
    }
}
