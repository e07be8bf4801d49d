package org.opencrm.auth.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems this service answers with besides validation; {@link ProblemAdvice} renders them. */
public final class Problems {

    static final String TYPE_BASE = "https://opencrm.dev/problems/";

    private Problems() {
    }

    /**
     * @param type the kebab-case name after {@code https://opencrm.dev/problems/}
     */
    public static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
