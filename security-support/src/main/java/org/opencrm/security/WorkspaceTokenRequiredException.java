package org.opencrm.security;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A workspace-scoped token was needed but a workspace-agnostic one came. It is an {@link ErrorResponseException},
 * so an advice extending {@code ResponseEntityExceptionHandler} answers it as a 403 problem
 * {@code workspace-token-required} without further code.
 */
public class WorkspaceTokenRequiredException extends ErrorResponseException {

    public static final URI TYPE = URI.create("https://opencrm.dev/problems/workspace-token-required");

    public WorkspaceTokenRequiredException() {
        super(HttpStatus.FORBIDDEN, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "This operation needs a workspace-scoped token; exchange yours at POST /auth/token/workspace");
        problem.setType(TYPE);
        problem.setTitle("Workspace token required");
        return problem;
    }
}
