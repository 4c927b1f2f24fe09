package dev.slipway.application.port.in;

import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.lock.Lock;

import java.util.List;
import java.util.Optional;

/** Hold an environment so nobody deploys to it (a freeze), let it go, and see who holds what. */
public interface Locks {

    LockOutcome lock(LockCommand command);

    LockOutcome unlock(UnlockCommand command);

    List<Lock> locks();

    record LockCommand(Optional<String> service, String environment, String reason, Actor actor) {
        public LockCommand {
            service = service == null ? Optional.empty() : service;
            if (environment == null || actor == null) throw new IllegalArgumentException("a lock needs an environment and an actor");
            service.ifPresent(s -> FreeText.word("the service", s));
            FreeText.word("the environment", environment);
            FreeText.reason("the lock's reason", reason);
        }
    }

    record UnlockCommand(Optional<String> service, String environment, Actor actor) {
        public UnlockCommand {
            service = service == null ? Optional.empty() : service;
            if (environment == null || actor == null) throw new IllegalArgumentException("an unlock needs an environment and an actor");
        }
    }
}
