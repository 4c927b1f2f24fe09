package dev.slipway.domain.lock;

import dev.slipway.domain.environment.Names;

/** What a lock guards: one service in one environment. */
public record LockKey(String service, String environment) {

    public LockKey {
        Names.require("service", service);
        Names.require("environment", environment);
    }

    @Override
    public String toString() {
        return service + "/" + environment;
    }
}
