package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.Refused;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.environment.Catalog;

import java.util.Optional;
import java.util.function.Supplier;

/** Shared wording of refusals and invalid requests, so every front end says the same thing. */
final class Outcomes {

    private Outcomes() {
    }

    /** The request cannot be acted on: its own next step when it names one, else to correct the words it names. */
    static Invalid invalid(IllegalArgumentException e) {
        if (e instanceof InvalidRequest request) return new Invalid(e.getMessage(), request.next());
        return new Invalid(e.getMessage(), "correct what is named above and run the command again");
    }

    /** Refused when the actor may not take {@code role} on the environment through its front end (Slack, the REST API). */
    static Optional<Refused> access(Catalog catalog, Actor actor, String service, String environment, Role role) {
        return catalog.access().refusal(actor, service, environment, role).map(r -> new Refused(r.rule(), r.reason(), r.howToUnblock()));
    }

    /**
     * Claims the request's key, when it has one: refused with rule "duplicate" when the key was claimed before, so that a
     * retried Slack command or a redelivered webhook never starts a second deployment.
     */
    static Optional<Refused> duplicate(DeploymentRegistry registry, Optional<String> requestKey, Clock clock) {
        if (requestKey.isEmpty()) return Optional.empty();
        String key = requestKey.get();
        if (key.length() > 200) throw new IllegalArgumentException("a request key is at most 200 characters");
        if (registry.firstDelivery(key, clock.now())) return Optional.empty();
        DeploymentId id = DeploymentId.forRequest(key);
        return Optional.of(registry.find(id)
                .map(d -> new Refused("duplicate", "this request (%s) was received before: it is deployment %s, %s".formatted(key, id, d.status().name().toLowerCase(java.util.Locale.ROOT)),
                        "see deployment %s (`slipway show %s`); send a new request to deploy again".formatted(id, id)))
                .orElseGet(() -> new Refused("duplicate", "this request (%s) was received before and is being acted on".formatted(key),
                        "wait for its answer; deployment %s appears once it has decided what to deploy".formatted(id))));
    }

    /**
     * Runs a claimed request; when it is refused (or times out waiting) before any work started, or fails before its
     * deployment exists, forgets its key so that the same request may be sent again.
     */
    static DeploymentOutcome freeingTheKeyUnlessStarted(DeploymentRegistry registry, Optional<String> requestKey, Supplier<DeploymentOutcome> work) {
        DeploymentOutcome outcome;
        try {
            outcome = work.get();
        } catch (RuntimeException e) {
            if (requestKey.isPresent() && registry.find(DeploymentId.forRequest(requestKey.get())).isEmpty()) forget(registry, requestKey);
            throw e;
        }
        if (outcome instanceof Refused || outcome instanceof DeploymentOutcome.TimedOut) forget(registry, requestKey);
        return outcome;
    }

    static void forget(DeploymentRegistry registry, Optional<String> requestKey) {
        requestKey.ifPresent(key -> {
            try {
                registry.forgetRequest(key);
            } catch (RuntimeException e) {
                // The key stays claimed: a retry is answered "duplicate", which names the request; nothing is lost.
            }
        });
    }

    /** The id of a new deployment: fixed by the request's key when there is one, random otherwise. */
    static DeploymentId newId(Optional<String> requestKey) {
        return requestKey.map(DeploymentId::forRequest).orElseGet(DeploymentId::random);
    }

    /**
     * Refused because another writer (a replica deciding at the same moment, the sweep) saved the deployment first: names
     * what the deployment is now, so the loser's caller learns the decision that stands.
     */
    static Refused changedMeanwhile(DeploymentRegistry registry, DeploymentId id) {
        String now = registry.find(id).map(Outcomes::describeState).orElse("deployment %s is gone".formatted(id));
        return new Refused("changed-meanwhile", now, "see `slipway show %s`".formatted(id));
    }

    /**
     * Refused because the deployment is no longer waiting for a decision: names the decision that stands (who approved
     * or rejected it, when) and what the deployment is now.
     */
    static Refused notAwaitingApproval(dev.slipway.domain.deployment.Deployment d) {
        boolean decided = d.approval().filter(a -> a.decision() != dev.slipway.domain.deployment.Approval.Decision.PENDING).isPresent();
        String reason = decided ? describeState(d)
                : "deployment %s is %s, not awaiting approval".formatted(d.id(), d.status().name().toLowerCase(java.util.Locale.ROOT));
        return new Refused("approval", reason, "see `slipway show %s`".formatted(d.id()));
    }

    private static String describeState(dev.slipway.domain.deployment.Deployment d) {
        var decided = d.approval().filter(a -> a.decision() != dev.slipway.domain.deployment.Approval.Decision.PENDING);
        if (decided.isPresent()) {
            var a = decided.get();
            String word = a.decision().name().toLowerCase(java.util.Locale.ROOT);
            String by = a.decidedBy().map(actor -> " by " + actor.id()).orElse("");
            String at = a.decidedAt().map(t -> " at " + t).orElse("");
            return "deployment %s was already %s%s%s; it is %s now".formatted(d.id(), word, by, at, d.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return "deployment %s was changed by someone else meanwhile; it is %s now%s".formatted(d.id(), d.status().name().toLowerCase(java.util.Locale.ROOT),
                d.failure().map(f -> " (" + f + ")").orElse(""));
    }

    static Refused lockHeld(dev.slipway.domain.lock.Lock lock, String environment) {
        return lockHeld(lock, environment, lock.describe());
    }

    /**
     * A deploy takes its lock before it decides what to deploy, so for a moment the lock names a deployment that is not
     * recorded yet: the refusal then says the holder is deciding, rather than name an id that `show` does not know.
     */
    static Refused lockHeld(dev.slipway.domain.lock.Lock lock, String environment, DeploymentRegistry registry) {
        boolean recorded;
        try {
            recorded = lock.deployment().map(id -> registry.find(DeploymentId.of(id)).isPresent()).orElse(true);
        } catch (RuntimeException e) {
            recorded = true;
        }
        return lockHeld(lock, environment, recorded ? lock.describe()
                : "%s holds %s (deciding what to deploy: %s)".formatted(lock.actor(), lock.key(), lock.reason()));
    }

    private static Refused lockHeld(dev.slipway.domain.lock.Lock lock, String environment, String described) {
        String how = lock.isManual()
                ? "ask %s, or run `slipway unlock %s` once it is safe".formatted(lock.actor(), environment)
                : "wait for it to finish, or retry with --lock-wait 10m";
        return new Refused("lock", described, how);
    }
}
