package org.opencrm.auth.web;

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
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of this service as an RFC 9457 problem with an {@code https://opencrm.dev/problems/...} type; never a
 * stack trace. {@code ErrorResponseException}s (from {@link Problems} and security-support) keep their own problem.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        List<Violation> violations = e.violations();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, violations.size() == 1
                ? violations.getFirst().message()
                : violations.size() + " fields are invalid: " + String.join(", ",
                        violations.stream().map(Violation::field).distinct().toList()));
        problem.setType(URI.create(Problems.TYPE_BASE + "validation-failed"));
        problem.setTitle("Validation failed");
        problem.setProperty("errors", violations);
        return problem;
    }

    /** An exception that escaped the security filters' handling, e.g. a handler run without a token. */
    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setType(URI.create(Problems.TYPE_BASE + "unauthorized"));
        problem.setTitle("Unauthorized");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged");
        problem.setType(URI.create(Problems.TYPE_BASE + "internal-error"));
        problem.setTitle("Internal error");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableBody(e));
        problem.setType(URI.create(Problems.TYPE_BASE + "malformed-request"));
        problem.setTitle("Malformed request");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Spring's own problems get a type of ours named after their status. Spring 7 leaves their type unset, which
     * RFC 9457 reads as {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String name = known == null ? "error-" + status.value()
                    : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            problem.setType(URI.create(Problems.TYPE_BASE + name));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String unreadableBody(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                // The original message names what was wrong without Jackson's location dump of the source.
                return "The request body is not valid JSON for this operation: " + jackson.getOriginalMessage();
            }
        }
        return "The request body is missing or unreadable";
    }
}
