package org.opencrm.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    @Test
    void answersUnknownRevocationStatusWithServiceUnavailableProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        // What JwtAuthenticationProvider makes of the decoder's exception.
        InvalidBearerTokenException failure = new InvalidBearerTokenException("An error occurred",
                new CrmJwtDecoders.RevocationStatusUnavailableException(
                        new RevokedApiKeys.RevocationStatusUnknownException()));

        new ProblemResponses().commence(new MockHttpServletRequest("GET", "/me"), response, failure);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("\"type\":\"https://opencrm.dev/problems/revocation-status-unavailable\"")
                .contains("unknown");
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
    }
}
