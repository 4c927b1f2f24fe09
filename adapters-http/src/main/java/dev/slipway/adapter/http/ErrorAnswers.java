package dev.slipway.adapter.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container sends what no handler answered (an unknown path, a refused form, a failure
 * outside the API): a problem detail with a sentence, never an exception's name or a stack trace. Asked for directly,
 * it is a page that does not exist: 404.
 */
@RestController
class ErrorAnswers implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null && c >= 400 ? HttpStatus.valueOf(c) : HttpStatus.NOT_FOUND;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = switch (status) {
            case NOT_FOUND -> "there is nothing at this path; the API is under /api (see /api/openapi.json) and the dashboard at /";
            case METHOD_NOT_ALLOWED -> "this path does not take that method; see /api/openapi.json";
            case FORBIDDEN, BAD_REQUEST -> message instanceof String m && !m.isBlank() ? m : "the request was refused; check it and send it again";
            case PAYLOAD_TOO_LARGE -> "the request body is larger than this endpoint takes; nothing was run";
            default -> status.is4xxClientError() ? "the request was refused (%d); check it and send it again".formatted(status.value())
                    : "Slipway failed to answer this request; the server log has the details";
        };
        String type = status.is5xxServerError() ? "unexpected" : status == HttpStatus.NOT_FOUND ? "not-found" : "refused";
        return HttpAnswers.answer(HttpAnswers.problem(status, type, status.getReasonPhrase(), detail));
    }
}
