package dev.slipway.application.port.in;

import dev.slipway.domain.deployment.Actor;

import java.time.Duration;
import java.util.Optional;

/** Bring back an earlier release, as a deployment of its own. */
public interface Rollback {

    DeploymentOutcome rollback(RollbackCommand command);

    /** {@code to} names the version to return to; by default the previous succeeded release. */
    record RollbackCommand(Optional<String> service, String environment, Optional<String> to, Duration lockWait, Optional<Duration> timeout, Actor actor) {
        public RollbackCommand {
            service = service == null ? Optional.empty() : service;
            to = to == null ? Optional.empty() : to;
            lockWait = lockWait == null ? Duration.ZERO : lockWait;
            timeout = timeout == null ? Optional.empty() : timeout;
            if (environment == null || actor == null) throw new IllegalArgumentException("a rollback needs an environment and an actor");
        }
    }
}
