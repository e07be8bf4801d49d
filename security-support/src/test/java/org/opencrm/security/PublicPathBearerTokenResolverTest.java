package org.opencrm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The hand-written header reading agrees with Spring Security's DefaultBearerTokenResolver on every case. */
class PublicPathBearerTokenResolverTest {

    private static final DefaultBearerTokenResolver SPRING = new DefaultBearerTokenResolver();

    @Test
    void readsTheBearerHeaderAsSpringSecurityDoes() {
        for (String header : List.of("Bearer abc.DEF-123_~+/xyz", "bearer abc==", "BEARER a", "Basic dXNlcjpw")) {
            assertThat(PublicPathBearerTokenResolver.fromAuthorizationHeader(header)).as(header)
                    .isEqualTo(SPRING.resolve(request(header)));
        }
        assertThat(PublicPathBearerTokenResolver.fromAuthorizationHeader(null)).isNull();
    }

    @Test
    void refusesWhatSpringSecurityRefuses() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer  abc", "Bearer a b", "Bearer =", "Bearer a=b",
                "Bearer a\"b", "Bearerabc", "Bearer abc\u00e9")) {
            assertThatThrownBy(() -> SPRING.resolve(request(header))).as("Spring: " + header)
                    .isInstanceOf(OAuth2AuthenticationException.class);
            assertThatThrownBy(() -> PublicPathBearerTokenResolver.fromAuthorizationHeader(header)).as(header)
                    .isInstanceOf(OAuth2AuthenticationException.class);
        }
    }

    @Test
    void theFirewallsHeaderRuleMatchesSpringSecuritysPattern() {
        java.util.regex.Pattern spring = java.util.regex.Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        for (String value : List.of("Bearer abc", "caf\u00e9 \ud83d\ude00", "tab\there", "nul\u0000", "\u0378", "")) {
            assertThat(JwtSecurityConfiguration.isAllowedHeaderValue(value)).as(value)
                    .isEqualTo(spring.matcher(value).matches());
        }
    }

    private static MockHttpServletRequest request(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/rest/people");
        request.addHeader("Authorization", header);
        return request;
    }
}
