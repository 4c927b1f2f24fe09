package dev.slipway.application.port.in;

import dev.slipway.domain.lock.Lock;

/** How a lock or unlock request ended. */
public sealed interface LockOutcome permits LockOutcome.Locked, LockOutcome.Unlocked, Refused, Invalid {

    record Locked(Lock lock) implements LockOutcome {}

    record Unlocked(Lock released) implements LockOutcome {}
}
