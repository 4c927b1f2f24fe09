package dev.slipway.adapter.http;

import dev.slipway.application.port.out.OutsideSystemFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for what goes wrong around the use cases in the API and the webhook endpoint: Spring MVC's own errors
 * (unreadable body, wrong method) through the base class, an outside system's failure as 502 in its own words, and
 * anything else as 500 naming only the exception's type, never a stack trace.
 */
@RestControllerAdvice(assignableTypes = {ApiController.class, GitHubWebhookController.class})
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> badInput(IllegalArgumentException e) {
        return HttpAnswers.invalid(e.getMessage(), "");
    }

    @ExceptionHandler(OutsideSystemFailure.class)
    ResponseEntity<Object> outside(OutsideSystemFailure e) {
        ProblemDetail problem = HttpAnswers.problem(HttpStatus.BAD_GATEWAY, "outside-system", "An outside system failed",
                e.getMessage() + (e.retryable() ? " (trying again later may help)" : ""));
        problem.setProperty("retryable", e.retryable());
        return HttpAnswers.answer(problem);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> unexpected(RuntimeException e) {
        log.error("unexpected failure answering an API request", e);
        return HttpAnswers.answer(HttpAnswers.problem(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected", "Unexpected error",
                "unexpected " + e.getClass().getSimpleName() + "; the server log has the details"));
    }
}
