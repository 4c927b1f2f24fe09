package dev.slipway.application.port.in;

import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;

/** How a lock or unlock request ended. */
public sealed interface LockOutcome permits LockOutcome.Locked, LockOutcome.Unlocked, LockOutcome.NotLocked, Refused, Invalid {

    record Locked(Lock lock) implements LockOutcome {}

    record Unlocked(Lock released) implements LockOutcome {}

    /** An unlock of an environment nobody held: already what was asked, so a success. */
    record NotLocked(LockKey key) implements LockOutcome {}
}
