package dev.slipway.application.port.in;

import dev.slipway.domain.input.Durations;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.deployment.Actor;

import java.time.Duration;
import java.util.Optional;

/**
 * Take the release running in one environment to the next: merge its commit into the target environment's branch,
 * tag it with the target's pattern (0.1.30-dev becomes v0.1.30) and deploy it.
 */
public interface Promote {

    DeploymentOutcome promote(PromoteCommand command);

    /** What the promotion would do (the release it takes, the tag, the commits, approval, lock), without doing it. */
    PlanOutcome plan(PromoteCommand command);

    /** {@code requestKey} as for {@link Deploy.DeployCommand}. */
    record PromoteCommand(Optional<String> service, String from, String to, Duration lockWait, Optional<Duration> timeout, Actor actor,
                          Optional<String> requestKey) {
        public PromoteCommand(Optional<String> service, String from, String to, Duration lockWait, Optional<Duration> timeout, Actor actor) {
            this(service, from, to, lockWait, timeout, actor, Optional.empty());
        }

        public PromoteCommand {
            requestKey = requestKey == null ? Optional.empty() : requestKey.filter(k -> !k.isBlank());
            service = service == null ? Optional.empty() : service;
            lockWait = lockWait == null ? Duration.ZERO : lockWait;
            timeout = timeout == null ? Optional.empty() : timeout;
            if (from == null || to == null || actor == null) throw new IllegalArgumentException("a promotion needs two environments and an actor");
            service.ifPresent(s -> FreeText.word("the service", s));
            FreeText.word("the environment", from);
            FreeText.word("the environment", to);
            Durations.within("lockWait", lockWait, Duration.ZERO, Deploy.LONGEST_LOCK_WAIT);
            timeout.ifPresent(t -> Durations.within("timeout", t, Duration.ofSeconds(1), Deploy.LONGEST_TIMEOUT));
        }
    }
}
