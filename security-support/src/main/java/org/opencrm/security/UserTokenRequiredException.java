package org.opencrm.security;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A user's token was needed but an API key came. Answered as a 403 problem {@code user-token-required} by any advice
 * extending {@code ResponseEntityExceptionHandler}.
 */
public class UserTokenRequiredException extends ErrorResponseException {

    public static final URI TYPE = URI.create("https://opencrm.dev/problems/user-token-required");

    public UserTokenRequiredException() {
        super(HttpStatus.FORBIDDEN, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "This operation needs a user's access token; API keys cannot perform it");
        problem.setType(TYPE);
        problem.setTitle("User token required");
        return problem;
    }
}
