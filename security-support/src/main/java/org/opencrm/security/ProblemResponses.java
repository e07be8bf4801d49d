package org.opencrm.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers rejected requests as RFC 9457 problems: 401 {@code unauthorized} saying whether the token was missing,
 * malformed, expired or revoked; 503 {@code signing-keys-unavailable} or {@code revocation-status-unavailable} when
 * the token cannot be checked now; 403 {@code forbidden}.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String PROBLEMS = "https://opencrm.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (causedBy(failure, CrmJwtDecoders.SigningKeysUnavailableException.class)) {
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "signing-keys-unavailable",
                    "Signing keys unavailable", failure.getCause().getMessage());
            return;
        }
        if (causedBy(failure, CrmJwtDecoders.RevocationStatusUnavailableException.class)) {
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "revocation-status-unavailable",
                    "Revocation status unavailable", failure.getCause().getMessage());
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail(failure));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "The token does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private static String detail(AuthenticationException failure) {
        Throwable cause = failure.getCause();
        while (cause != null) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream().map(OAuth2Error::getDescription)
                        .collect(Collectors.joining("; "));
            }
            cause = cause.getCause();
        }
        if (failure instanceof OAuth2AuthenticationException) {
            return "The bearer token is malformed or its signature does not verify";
        }
        return "The request has no bearer token; send Authorization: Bearer <token>";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String type, String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json(request, status, type, title, detail));
    }

    /** The problem as JSON, for the filters of this module that answer before any advice could. */
    static byte[] json(HttpServletRequest request, HttpStatus status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEMS + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        return JSON.writeValueAsBytes(problem);
    }
}
