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
import dev.slipway.application.presentation.OutcomePresenter;
import dev.slipway.application.presentation.Presentation;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.lock.Lock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the core's outcomes into HTTP answers: the {@link OutcomePresenter}'s word, sentence, next step and HTTP status.
 * Results of a deployment (succeeded, rolled back, failed, cancelled) are 200 with the deployment; waiting for approval
 * is 202; bad input 400; a role refusal 403; any other policy refusal (lock, duplicate, approval, branch) or a lock wait
 * that ran out 409. Errors are RFC 9457 problem details.
 */
final class HttpAnswers {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private HttpAnswers() {}

    static ResponseEntity<Object> deployment(DeploymentOutcome outcome) {
        Presentation p = OutcomePresenter.present(outcome);
        return switch (outcome) {
            case Succeeded s -> result(p, s.deployment());
            case NotDeployed n -> result(p, n.deployment());
            case RolledBack r -> result(p, r.deployment());
            case Failed f -> result(p, f.deployment());
            case AwaitingApproval a -> result(p, a.deployment());
            case Cancelled c -> result(p, c.deployment());
            case TimedOut t -> {
                ProblemDetail problem = problem(p, "Timed out");
                problem.setProperty("waitingFor", t.waitingFor());
                yield answer(problem);
            }
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    static ResponseEntity<Object> lock(LockOutcome outcome) {
        Presentation p = OutcomePresenter.present(outcome);
        return switch (outcome) {
            case LockOutcome.Locked l -> ResponseEntity.ok(lockResult(p, l.lock()));
            case LockOutcome.Unlocked u -> ResponseEntity.ok(lockResult(p, u.released()));
            case LockOutcome.NotLocked n -> ResponseEntity.ok(lockResult(p, null));
            case Refused r -> refused(r);
            case Invalid i -> invalid(i);
        };
    }

    static ResponseEntity<Object> refused(Refused r) {
        ProblemDetail problem = problem(OutcomePresenter.present(r), "Refused by " + r.rule());
        problem.setProperty("howToUnblock", r.howToUnblock());
        return answer(problem);
    }

    static ResponseEntity<Object> invalid(Invalid i) {
        return invalid(i.reason(), i.hint());
    }

    static ResponseEntity<Object> invalid(String reason, String hint) {
        ProblemDetail problem = problem(OutcomePresenter.present(new Invalid(reason, hint)), "Invalid request");
        if (hint != null && !hint.isBlank()) problem.setProperty("hint", hint);
        return answer(problem);
    }

    /**
     * A problem document for what the presenter said: the status word as the type, its sentence as the detail, and the
     * presenter's fields beside it ({@code outcome}, {@code reason}, {@code rule}, {@code next}, {@code exitCode}).
     */
    static ProblemDetail problem(Presentation p, String title) {
        ProblemDetail problem = problem(HttpStatus.valueOf(p.httpStatus()), p.outcome().replace('_', '-'), title, p.message());
        problem.setProperty("outcome", p.outcome());
        if (p.reason() != null) problem.setProperty("reason", p.reason());
        if (p.rule() != null) problem.setProperty("rule", p.rule());
        if (p.next() != null) problem.setProperty("next", p.next());
        problem.setProperty("exitCode", p.exitCode());
        return problem;
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
                .body(new ApiViews.Result("accepted", "%s %s started; follow it at %s".formatted(what, deploymentId, location), null, null,
                        location, null));
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

    private static ResponseEntity<Object> result(Presentation p, Deployment d) {
        String location = "/api/deployments/" + d.id().value();
        return ResponseEntity.status(p.httpStatus()).location(URI.create(location))
                .body(new ApiViews.Result(p.outcome(), p.message(), p.rule(), p.next(), location, ApiViews.deployment(d)));
    }

    private static Map<String, Object> lockResult(Presentation p, Lock lock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", p.outcome());
        body.put("message", p.message());
        if (p.next() != null) body.put("next", p.next());
        body.put("lock", lock == null ? null : ApiViews.lock(lock));
        return body;
    }
}
