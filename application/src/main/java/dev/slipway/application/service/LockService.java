package dev.slipway.application.service;

import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

import java.util.List;
import java.util.Optional;

/** Manual locks: an operator freezes an environment with a reason, and lets it go; deployments are refused meanwhile. */
public final class LockService implements Locks {

    private final Catalog catalog;
    private final DeploymentLocks locks;
    private final AuditTrail audit;
    private final Clock clock;

    public LockService(Catalog catalog, DeploymentLocks locks, AuditTrail audit, Clock clock) {
        this.catalog = catalog;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public LockOutcome lock(LockCommand command) {
        try {
            if (command.reason() == null || command.reason().isBlank()) {
                throw new InvalidRequest("a lock needs a reason so that others know why", "add --reason \"why\"");
            }
            LockKey key = key(command.service(), command.environment());
            Optional<Refused> denied = Outcomes.access(catalog, command.actor(), key.service(), key.environment(), Role.LOCK);
            if (denied.isPresent()) {
                audit.record(command.actor(), "lock", key.toString(), "refused", denied.get().reason());
                return denied.get();
            }
            LockOutcome outcome = switch (locks.acquire(key, "manual:" + command.actor().id(), command.actor().id(), command.reason().strip(), Optional.empty(), Optional.empty())) {
                case DeploymentLocks.Acquisition.Acquired acquired -> new LockOutcome.Locked(acquired.lock());
                case DeploymentLocks.Acquisition.HeldByOther held -> Outcomes.lockHeld(held.lock(), command.environment());
            };
            audit.record(command.actor(), "lock", key.toString(), outcome instanceof LockOutcome.Locked ? "locked" : "refused", command.reason());
            return outcome;
        } catch (IllegalArgumentException e) {
            return Outcomes.invalid(e);
        }
    }

    @Override
    public LockOutcome unlock(UnlockCommand command) {
        try {
            LockKey key = key(command.service(), command.environment());
            Optional<Refused> denied = Outcomes.access(catalog, command.actor(), key.service(), key.environment(), Role.LOCK);
            if (denied.isPresent()) {
                audit.record(command.actor(), "unlock", key.toString(), "refused", denied.get().reason());
                return denied.get();
            }
            Optional<Lock> held = locks.current(key);
            if (held.isEmpty()) {
                return new LockOutcome.NotLocked(key);
            }
            Lock lock = held.get();
            if (!lock.isManual() && !lock.isExpiredAt(clock.now())) {
                Refused refused = new Refused("lock", "deployment %s is running and holds %s".formatted(lock.deployment().orElse("?"), key),
                        "wait for it to finish; if its process died, its lease ends at %s and the lock frees itself".formatted(lock.expiresAt().orElseThrow()));
                audit.record(command.actor(), "unlock", key.toString(), "refused", refused.reason());
                return refused;
            }
            locks.breakLock(key);
            audit.record(command.actor(), "unlock", key.toString(), "unlocked", lock.describe());
            return new LockOutcome.Unlocked(lock);
        } catch (IllegalArgumentException e) {
            return Outcomes.invalid(e);
        }
    }

    @Override
    public List<Lock> locks() {
        return locks.all().stream().filter(l -> !l.isExpiredAt(clock.now())).toList();
    }

    private LockKey key(Optional<String> serviceName, String environment) {
        Service service = catalog.resolve(serviceName);
        DeployService.environmentOf(service, environment);
        return new LockKey(service.name(), environment);
    }
}
