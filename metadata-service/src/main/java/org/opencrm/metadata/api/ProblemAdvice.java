package org.opencrm.metadata.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Turns every refusal of this service into RFC 9457 problem+json; never a stack trace or SQL text. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPE_BASE = "https://opencrm.dev/problems/";

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid input",
                describe(e.violations()));
        problem.setProperty("errors", e.violations());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> dependants(DependantsException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "has-dependants", "Has dependants", e.getMessage());
        problem.setProperty("dependants", e.dependants());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> workspaceNotActive(WorkspaceNotActiveException e) {
        return respond(problem(HttpStatus.CONFLICT, "workspace-not-active", "Workspace not active", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badPathOrQueryParameter(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getName() + "' is not a valid " + simpleTypeName(e.getRequiredType());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", message);
        problem.setProperty("errors", List.of(new Violation(e.getName(), "type", message)));
        return respond(problem);
    }

    /** Malformed JSON or a value of the wrong JSON type: names the property when Jackson knows it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getCause() instanceof DatabindException databind ? jsonPath(databind) : "";
        String message = field.isEmpty()
                ? "the request body is not valid JSON of the expected shape"
                : "'" + field + "' has a value of the wrong type";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-json", "Invalid request body", message);
        problem.setProperty("errors", List.of(new Violation(field.isEmpty() ? "body" : field, "type", message)));
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    /** Spring's own refusals (405, 415, ...) get a stable type instead of about:blank. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(TYPE_BASE + kebab(status)));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return respond(problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "a valid access token or API key is required"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "the token may not do this"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the request could not be completed"));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).headers(problemHeaders()).body(problem);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid input");
    }

    private static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleTypeName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String kebab(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value()
                : known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
