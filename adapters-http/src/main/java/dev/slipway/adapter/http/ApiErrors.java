package dev.slipway.adapter.http;

import dev.slipway.application.port.out.OutsideSystemFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for what goes wrong around the use cases in the API and the webhook endpoint: Spring MVC's own errors
 * (unreadable body, wrong method) through the base class, in sentences, an outside system's failure as 502 in its own
 * words, and anything else as 500 with a sentence: never an exception's name or a stack trace.
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
                "Slipway failed to answer this request; the server log has the details"));
    }

    /** A body that is not the JSON the endpoint reads (syntax, nesting, a field of the wrong kind): 400 in a sentence. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return HttpAnswers.invalid("the body is not the JSON this endpoint reads", "send a JSON object with the fields that /api/openapi.json lists");
    }

    /** Any other error Spring MVC answers itself (wrong method, media type, missing header): its status, a sentence, no class name. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = HttpAnswers.problem(HttpStatus.valueOf(status.value()), "refused", HttpStatus.valueOf(status.value()).getReasonPhrase(),
                "the request was refused (%d %s); see /api/openapi.json for what this endpoint takes".formatted(status.value(),
                        HttpStatus.valueOf(status.value()).getReasonPhrase()));
        return ResponseEntity.status(status).headers(headers).contentType(HttpAnswers.PROBLEM).body(problem);
    }
}
