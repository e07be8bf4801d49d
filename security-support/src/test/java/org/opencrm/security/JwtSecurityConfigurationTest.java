package org.opencrm.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/** The default chain over real HTTP: who gets through, and the problems the others get. */
@SpringBootTest(classes = JwtSecurityConfigurationTest.TestService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.security.public-paths=/public/**",
                "crm.security.revocation-events.enabled=false",
                // Stands in for the service's advice, which answers ErrorResponseExceptions with their problem.
                "spring.mvc.problemdetails.enabled=true"
        })
class JwtSecurityConfigurationTest {

    private static final TestTokens TOKENS = new TestTokens("chain-key");
    private static final UUID REVOKED_KEY = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    RevokedApiKeys revokedApiKeys;

    private final HttpClient http = HttpClient.newHttpClient();
    private final UUID userId = UUID.randomUUID();
    private final UUID workspaceId = UUID.randomUUID();

    @Test
    void letsPublicPathsAndActuatorThroughWithoutToken() throws Exception {
        assertThat(get("/public/ping", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void answersMissingTokenWithUnauthorizedProblem() throws Exception {
        HttpResponse<String> response = get("/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"type\":\"https://opencrm.dev/problems/unauthorized\"")
                .contains("no bearer token");
    }

    @Test
    void answersMalformedTokenWithUnauthorizedProblem() throws Exception {
        HttpResponse<String> response = get("/me", "not.a.jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("malformed");
    }

    @Test
    void answersExpiredTokenWithUnauthorizedProblem() throws Exception {
        Instant past = Instant.now().minusSeconds(7200);
        HttpResponse<String> response = get("/me", TOKENS.sign(TestTokens.claims(past)
                .expirationTime(Date.from(past.plusSeconds(60)))
                .subject(userId.toString())
                .claim(TokenClaims.TYPE, "ACCESS")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("expired");
    }

    @Test
    void answersRevokedApiKeyWithUnauthorizedProblem() throws Exception {
        HttpResponse<String> response = get("/me", TOKENS.sign(apiKey(REVOKED_KEY)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("revoked");
    }

    @Test
    void givesHandlersTheCallerAsPrincipal() throws Exception {
        HttpResponse<String> response = get("/me", TOKENS.sign(TestTokens.claims(Instant.now())
                .subject(userId.toString())
                .claim(TokenClaims.WORKSPACE_ID, workspaceId.toString())
                .claim(TokenClaims.TYPE, "ACCESS")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(userId + " " + workspaceId + " ACCESS null");
    }

    @Test
    void givesHandlersTheApiKeyAsPrincipal() throws Exception {
        UUID apiKeyId = UUID.randomUUID();

        HttpResponse<String> response = get("/me", TOKENS.sign(apiKey(apiKeyId)));

        assertThat(response.body()).isEqualTo("null " + workspaceId + " API_KEY " + apiKeyId);
    }

    @Test
    void answersWorkspaceAgnosticTokenOnWorkspaceEndpointWithForbiddenProblem() throws Exception {
        HttpResponse<String> response = get("/workspace", TOKENS.sign(TestTokens.claims(Instant.now())
                .subject(userId.toString())
                .claim(TokenClaims.TYPE, "ACCESS")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("https://opencrm.dev/problems/workspace-token-required");
    }

    private JWTClaimsSet.Builder apiKey(UUID apiKeyId) {
        return TestTokens.claims(Instant.now())
                .subject(workspaceId.toString())
                .jwtID(apiKeyId.toString())
                .claim(TokenClaims.WORKSPACE_ID, workspaceId.toString())
                .claim(TokenClaims.TYPE, "API_KEY");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({JwtSecurityConfiguration.class, TestController.class})
    static class TestService {

        @Bean
        JWKSource<SecurityContext> testKeys() {
            return TOKENS.publicKeys();
        }

        @Bean
        RevokedApiKeyLoader revokedApiKeyLoader() {
            return () -> Set.of(REVOKED_KEY);
        }
    }

    @RestController
    static class TestController {

        @GetMapping("/public/ping")
        String ping() {
            return "pong";
        }

        @GetMapping("/me")
        String me() {
            CrmPrincipal principal = CrmPrincipal.current();
            return principal.userId() + " " + principal.workspaceId() + " " + principal.type() + " "
                    + principal.apiKeyId();
        }

        @GetMapping("/workspace")
        Map<String, UUID> workspace() {
            return Map.of("workspaceId", CrmPrincipal.current().requireWorkspace());
        }
    }
}
