package org.opencrm.dataapi;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.opencrm.dataapi.model.MetadataUnavailableException;
import org.opencrm.dataapi.query.InvalidQueryException;
import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.RecordConflictException;
import org.opencrm.dataapi.record.RecordNotFoundException;
import org.opencrm.dataapi.record.RecordStoreUnavailableException;
import org.opencrm.dataapi.record.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of this service as RFC 9457 problem+json; the 500 says nothing of its cause. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPES = "https://opencrm.dev/problems/";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRecordRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-record-request", "Invalid request", e.getMessage());
        List<Violation> errors = e.violations();
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A query parameter's fault raised outside the records API's own translation: the same 400. */
    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidQueryException e) {
        return invalidRequest(new InvalidRecordRequestException(
                List.of(new Violation(e.parameter(), e.rule(), e.getMessage()))));
    }

    @ExceptionHandler
    ProblemDetail notFound(RecordNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(RecordConflictException e) {
        return problem(HttpStatus.CONFLICT, "record-conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail metadataUnavailable(MetadataUnavailableException e) {
        LOG.warn("Workspace metadata unavailable: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "metadata-unavailable", "Metadata unavailable",
                "The workspace's data model could not be loaded; retry later");
    }

    @ExceptionHandler
    ProblemDetail storeUnavailable(RecordStoreUnavailableException e) {
        LOG.warn("Record store unavailable", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable", e.getMessage());
    }

    /** Malformed JSON: named like every other invalid input, as the property {@code body}. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalidRequest(new InvalidRecordRequestException(
                List.of(new Violation("body", "json", "the body is not valid JSON")))));
    }

    /** A routed service that cannot be reached. */
    @ExceptionHandler
    ProblemDetail upstreamUnavailable(ResourceAccessException e) {
        LOG.warn("Routed service unreachable: {}", e.getMessage());
        return problem(HttpStatus.BAD_GATEWAY, "upstream-unavailable", "Upstream unavailable",
                "The service behind this path cannot be reached; retry later");
    }

    /** Spring Security answers these itself (401/403 problems); this advice must not turn them into 500s. */
    @ExceptionHandler({AuthenticationException.class, AccessDeniedException.class})
    void security(RuntimeException e) {
        throw e;
    }

    /** Any other failure, checked or not: its message may hold SQL or internals, so only the log sees it. */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        LOG.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on the server; it has been logged");
    }

    /**
     * Spring's own problems (404, 405, 415, ...) come without a type (Spring 7 leaves it null, meaning
     * {@code about:blank}); they get a type of ours named after their status.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String name = known == null ? "error-" + status.value()
                    : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            problem.setType(URI.create(TYPES + name));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
