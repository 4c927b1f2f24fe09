package dev.slipway.domain.lock;

import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a service's environment and why. A deployment's lock is a lease that its process renews;
 * a manual lock ({@code expiresAt} empty) holds until someone unlocks it.
 * {@code holder} is the process or person that holds it; {@code actor} is who asked. {@code fencingToken} grows at every
 * acquisition of any lock in the store (0 for a lock not taken from a store): whoever writes on behalf of a lease
 * checks that the lock still carries its token, so a process that was paused past its lease writes nothing.
 */
public record Lock(LockKey key, String holder, String actor, String reason, Instant acquiredAt, Optional<Instant> expiresAt, Optional<String> deployment,
                   long fencingToken) {

    public Lock(LockKey key, String holder, String actor, String reason, Instant acquiredAt, Optional<Instant> expiresAt, Optional<String> deployment) {
        this(key, holder, actor, reason, acquiredAt, expiresAt, deployment, 0);
    }

    public Lock {
        if (key == null || holder == null || holder.isBlank() || actor == null || acquiredAt == null) {
            throw new IllegalArgumentException("a lock needs a key, a holder, an actor and a time");
        }
        reason = reason == null ? "" : reason;
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        deployment = deployment == null ? Optional.empty() : deployment;
        if (fencingToken < 0) throw new IllegalArgumentException("a fencing token is never negative");
    }

    /** The same lock carrying {@code token}. */
    public Lock withFencingToken(long token) {
        return new Lock(key, holder, actor, reason, acquiredAt, expiresAt, deployment, token);
    }

    /** Whether this lock is still the lease that was granted with {@code token} and has not run out at {@code now}. */
    public boolean isLease(long token, Instant now) {
        return fencingToken == token && !isExpiredAt(now);
    }

    public boolean isManual() {
        return expiresAt.isEmpty();
    }

    /** Whether this is the lock {@code holder} took for {@code deployment} (a lock taken for no deployment is never). */
    public boolean isFor(String holder, Optional<String> deployment) {
        return this.holder.equals(holder) && deployment.isPresent() && this.deployment.equals(deployment);
    }

    /** A lease that nobody renewed in time no longer holds. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.map(end -> !now.isBefore(end)).orElse(false);
    }

    public String describe() {
        String what = deployment.map(d -> "deployment " + d).orElse("a manual lock");
        return "%s holds %s (%s%s)".formatted(actor, key, what, reason.isBlank() ? "" : ": " + reason);
    }
}
