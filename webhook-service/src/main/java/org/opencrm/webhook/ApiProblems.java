package org.opencrm.webhook;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place this service turns failures into RFC 9457 problems. Spring MVC's own exceptions (and the
 * security library's {@code ErrorResponseException}s) are handled by the base class.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    static final URI VALIDATION_FAILED = URI.create("https://opencrm.dev/problems/validation-failed");
    static final URI WEBHOOK_NOT_FOUND = URI.create("https://opencrm.dev/problems/webhook-not-found");
    static final URI MALFORMED_REQUEST = URI.create("https://opencrm.dev/problems/malformed-request");

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return validationProblem(e.violations());
    }

    @ExceptionHandler
    ProblemDetail webhookNotFound(WebhookNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(WEBHOOK_NOT_FOUND);
        problem.setTitle("Webhook not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail parameterTypeMismatch(MethodArgumentTypeMismatchException e) {
        return validationProblem(List.of(new FieldViolation(e.getName(), "type",
                "'" + e.getName() + "' must be a " + (e.getRequiredType() == null ? "valid value" : e.getRequiredType().getSimpleName()))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // The parser's message may echo the body back; the client gets a fixed sentence instead.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON");
        problem.setType(MALFORMED_REQUEST);
        problem.setTitle("Malformed request");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail validationProblem(List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                violations.isEmpty() ? "Invalid request" : violations.getFirst().message());
        problem.setType(VALIDATION_FAILED);
        problem.setTitle("Validation failed");
        problem.setProperty("errors", violations);
        return problem;
    }
}
