package dev.slipway.application.port.in;

import dev.slipway.domain.input.Durations;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.version.Bump;

import java.time.Duration;
import java.util.Optional;

/** Deploy a service's branch head (or a given version) to an environment. */
public interface Deploy {

    DeploymentOutcome deploy(DeployCommand command);

    /** How long a request may wait for a held lock at most. */
    Duration LONGEST_LOCK_WAIT = Duration.ofHours(24);
    /** The longest a deployment may be allowed to run in all. */
    Duration LONGEST_TIMEOUT = Duration.ofDays(7);

    /**
     * {@code version} names an explicit version (new, or existing for a redeploy); otherwise {@code bump} says which
     * component of the environment's latest version to increment (patch by default). {@code lockWait} is how long to
     * wait for a held lock (zero: refuse at once); {@code timeout} bounds the whole deployment. {@code requestKey}, when
     * given, identifies the request (a Slack trigger, a webhook delivery, an API idempotency key): the deployment's id is
     * {@code DeploymentId.forRequest(requestKey)}, and the same key a second time is refused with rule "duplicate".
     */
    record DeployCommand(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump,
                         Optional<String> name, Optional<String> summary, Duration lockWait, Optional<Duration> timeout, Actor actor,
                         Optional<String> requestKey) {
        public DeployCommand(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump,
                             Optional<String> name, Optional<String> summary, Duration lockWait, Optional<Duration> timeout, Actor actor) {
            this(service, environment, version, bump, name, summary, lockWait, timeout, actor, Optional.empty());
        }

        public DeployCommand {
            requestKey = requestKey == null ? Optional.empty() : requestKey.filter(k -> !k.isBlank());
            service = service == null ? Optional.empty() : service;
            version = version == null ? Optional.empty() : version;
            bump = bump == null ? Optional.empty() : bump;
            name = name == null ? Optional.empty() : name;
            summary = summary == null ? Optional.empty() : summary;
            lockWait = lockWait == null ? Duration.ZERO : lockWait;
            timeout = timeout == null ? Optional.empty() : timeout;
            if (environment == null || actor == null) throw new IllegalArgumentException("a deploy needs an environment and an actor");
            service.ifPresent(s -> FreeText.word("the service", s));
            FreeText.word("the environment", environment);
            version.ifPresent(v -> FreeText.word("the version", v));
            name.ifPresent(FreeText::name);
            summary.ifPresent(FreeText::summary);
            Durations.within("lockWait", lockWait, Duration.ZERO, LONGEST_LOCK_WAIT);
            timeout.ifPresent(t -> Durations.within("timeout", t, Duration.ofSeconds(1), LONGEST_TIMEOUT));
        }

        public static DeployCommand of(String environment, Actor actor) {
            return new DeployCommand(Optional.empty(), environment, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Duration.ZERO, Optional.empty(), actor);
        }
    }
}
