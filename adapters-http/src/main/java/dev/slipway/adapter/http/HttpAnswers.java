package dev.slipway.adapter.http;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.AwaitingApproval;
import dev.slipway.application.port.in.DeploymentOutcome.Cancelled;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.in.Invalid;
import dev.slipway.application.port.in.LockOutcome;
import dev.slipway.application.port.in.Refused;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the core's outcomes into HTTP answers with the CLI's wording: one exhaustive switch per sealed outcome.
 * Results of a deployment (succeeded, rolled back, failed, cancelled) are 200 with the deployment; waiting for approval
 * is 202; bad input 400; a role refusal 403; any other policy refusal (lock, duplicate, approval, branch) or a lock wait
 * that ran out 409. Errors are RFC 9457 problem details.
 */
final class HttpAnswers {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private HttpAnswers() {}

    static ResponseEntity<Object> deployment(DeploymentOutcome outcome) {
        return switch (outcome) {
            case Succeeded s -> {
                Deployment d = s.deployment();
                String message = "%s: %s %s succeeded".formatted(subject(d), words(d.kind()), d.id());
                yield result(HttpStatus.OK, "succeeded", message, d);
            }
            case NotDeployed n -> {
                Deployment d = n.deployment();
                String message = "%s failed before anything changed: %s; %s".formatted(subject(d), n.reason(),
                        n.running().isBlank() ? "the environment still runs nothing" : n.running() + " still runs");
                yield result(HttpStatus.OK, "not_deployed", message, d);
            }
            case RolledBack r -> {
                Deployment d = r.deployment();
                boolean restored = r.restored() != null && !r.restored().isBlank();
                String message = "%s failed and was rolled back: %s; %s".formatted(subject(d), r.reason(),
                        restored ? r.restored() + " runs again" : "nothing had been changed");
                yield result(HttpStatus.OK, "rolled_back", message, d);
            }
            case Failed f -> {
                Deployment d = f.deployment();
                String message = "%s failed: %s; the environment may not be as it was; to recover: %s".formatted(subject(d), f.reason(), f.howToRecover());
                yield result(HttpStatus.OK, "failed", message, d);
            }
            case AwaitingApproval a -> {
                Deployment d = a.deployment();
                String message = "%s waits for approval until %s (deployment %s); %s".formatted(subject(d), a.expiresAt(), d.id(), a.howToApprove());
                yield result(HttpStatus.ACCEPTED, "awaiting_approval", message, d);
            }
            case Cancelled c -> {
                Deployment d = c.deployment();
                yield result(HttpStatus.OK, "cancelled", "deployment %s of %s was cancelled: %s".formatted(d.id(), subject(d), c.reason()), d);
            }
            case TimedOut t -> {
                ProblemDetail problem = problem(HttpStatus.CONFLICT, "timed-out", "Timed out",
                        "timed out waiting for %s: %s; nothing was changed".formatted(t.waitingFor(), t.reason()));
                problem.setProperty("waitingFor", t.waitingFor());
                problem.setProperty("reason", t.reason());
                yield answer(problem);
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    static ResponseEntity<Object> lock(LockOutcome outcome) {
        return switch (outcome) {
            case LockOutcome.Locked l -> {
                Lock lock = l.lock();
                String message = "locked %s: nobody deploys there until `slipway unlock %s --service %s`".formatted(lock.key(),
                        lock.key().environment(), lock.key().service());
                yield ResponseEntity.ok(Map.of("outcome", "locked", "message", message, "lock", ApiViews.lock(lock)));
            }
            case LockOutcome.Unlocked u -> {
                Lock lock = u.released();
                String holder = lock.deployment().map(id -> "deploying " + id).orElse(lock.reason().isBlank() ? "locked" : lock.reason());
                String message = "unlocked %s (was held by %s: %s)".formatted(lock.key(), lock.actor(), holder);
                yield ResponseEntity.ok(Map.of("outcome", "unlocked", "message", message, "lock", ApiViews.lock(lock)));
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    static ResponseEntity<Object> refused(Refused r) {
        HttpStatus status = r.rule().startsWith("role:") ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
        ProblemDetail problem = problem(status, "refused", "Refused by " + r.rule(), "refused by %s: %s".formatted(r.rule(), r.reason()));
        problem.setProperty("rule", r.rule());
        problem.setProperty("reason", r.reason());
        problem.setProperty("howToUnblock", r.howToUnblock());
        return answer(problem);
    }

    static ResponseEntity<Object> invalid(Invalid i) {
        return invalid(i.reason(), i.hint());
    }

    static ResponseEntity<Object> invalid(String reason, String hint) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid", "Invalid request", "invalid: " + reason);
        problem.setProperty("reason", reason);
        if (hint != null && !hint.isBlank()) problem.setProperty("hint", hint);
        return answer(problem);
    }

    static ResponseEntity<Object> notFound(String detail) {
        return answer(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail));
    }

    static ResponseEntity<Object> busy(String what) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too many deployments waiting",
                "every deployment worker is busy and the queue is full; %s was not started: try again shortly".formatted(what));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10").contentType(PROBLEM).body(problem);
    }

    /** Still running after the short wait: where to follow it. */
    static ResponseEntity<Object> accepted(String deploymentId, String what) {
        String location = "/api/deployments/" + deploymentId;
        return ResponseEntity.accepted().location(URI.create(location))
                .body(new ApiViews.Result("accepted", "%s %s started; follow it at %s".formatted(what, deploymentId, location), location, null));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:slipway:problem:" + type));
        problem.setTitle(title);
        return problem;
    }

    static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM).body(problem);
    }

    private static ResponseEntity<Object> result(HttpStatus status, String outcome, String message, Deployment d) {
        String location = "/api/deployments/" + d.id().value();
        return ResponseEntity.status(status).location(URI.create(location))
                .body(new ApiViews.Result(outcome, message, location, ApiViews.deployment(d)));
    }

    static String subject(Deployment d) {
        return "%s %s on %s".formatted(d.service(), d.release().tag(), d.environment());
    }

    private static String words(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
