package dev.slipway.application.port.in;

import dev.slipway.domain.input.Durations;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.deployment.Actor;

import java.time.Duration;
import java.util.Optional;

/** Bring back an earlier release, as a deployment of its own. */
public interface Rollback {

    DeploymentOutcome rollback(RollbackCommand command);

    /**
     * {@code to} names the version to return to; by default the previous succeeded release. {@code requestKey} as for
     * {@link Deploy.DeployCommand}.
     */
    record RollbackCommand(Optional<String> service, String environment, Optional<String> to, Duration lockWait, Optional<Duration> timeout, Actor actor,
                           Optional<String> requestKey) {
        public RollbackCommand(Optional<String> service, String environment, Optional<String> to, Duration lockWait, Optional<Duration> timeout, Actor actor) {
            this(service, environment, to, lockWait, timeout, actor, Optional.empty());
        }

        public RollbackCommand {
            requestKey = requestKey == null ? Optional.empty() : requestKey.filter(k -> !k.isBlank());
            service = service == null ? Optional.empty() : service;
            to = to == null ? Optional.empty() : to;
            lockWait = lockWait == null ? Duration.ZERO : lockWait;
            timeout = timeout == null ? Optional.empty() : timeout;
            if (environment == null || actor == null) throw new IllegalArgumentException("a rollback needs an environment and an actor");
            service.ifPresent(s -> FreeText.word("the service", s));
            FreeText.word("the environment", environment);
            to.ifPresent(v -> FreeText.word("the version", v));
            Durations.within("lockWait", lockWait, Duration.ZERO, Deploy.LONGEST_LOCK_WAIT);
            timeout.ifPresent(t -> Durations.within("timeout", t, Duration.ofSeconds(1), Deploy.LONGEST_TIMEOUT));
        }
    }
}
