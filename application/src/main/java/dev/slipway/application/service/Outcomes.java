package dev.slipway.application.service;

import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Refused;

/** Shared wording of refusals and invalid requests, so every front end says the same thing. */
final class Outcomes {

    private Outcomes() {
    }

    static Invalid invalid(IllegalArgumentException e) {
        return new Invalid(e.getMessage(), "see `slipway help` and slipway.yml for what is allowed");
    }

    static Refused lockHeld(dev.slipway.domain.lock.Lock lock, String environment) {
        String how = lock.isManual()
                ? "ask %s, or run `slipway unlock %s` once it is safe".formatted(lock.actor(), environment)
                : "wait for it to finish, or retry with --lock-wait 10m";
        return new Refused("lock", lock.describe(), how);
    }
}
