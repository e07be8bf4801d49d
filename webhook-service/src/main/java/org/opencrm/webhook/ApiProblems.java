package org.opencrm.webhook;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place this service turns failures into RFC 9457 problems, each with an
 * {@code https://opencrm.dev/problems/...} type and never a stack trace. Spring MVC's own exceptions (and the
 * security library's {@code ErrorResponseException}s) are handled by the base class.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    static final URI VALIDATION_FAILED = URI.create("https://opencrm.dev/problems/validation-failed");
    static final URI WEBHOOK_NOT_FOUND = URI.create("https://opencrm.dev/problems/webhook-not-found");
    static final URI MALFORMED_REQUEST = URI.create("https://opencrm.dev/problems/malformed-request");
    static final URI INTERNAL_ERROR = URI.create("https://opencrm.dev/problems/internal-error");
    private static final String TYPE_BASE = "https://opencrm.dev/problems/";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

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

    /**
     * Anything no other handler knows, e.g. the database being down: a 500 whose detail says nothing of the cause,
     * since exception messages can carry SQL, hosts or data. The cause goes to the log.
     */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) throws Exception {
        if (e instanceof AuthenticationException || e instanceof AccessDeniedException) {
            // Left to the security filters, which answer them as 401 and 403 problems.
            throw e;
        }
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged");
        problem.setType(INTERNAL_ERROR);
        problem.setTitle("Internal error");
        return problem;
    }

    /**
     * Spring's own problems (404, 405, 415, ...) come without a type, which means {@code about:blank} (Spring 7 leaves
     * it null, earlier versions set it); they get a type of ours named after their status.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String name = known == null ? "error-" + status.value()
                    : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            problem.setType(URI.create(TYPE_BASE + name));
        }
        return super.createResponseEntity(body, headers, status, request);
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
