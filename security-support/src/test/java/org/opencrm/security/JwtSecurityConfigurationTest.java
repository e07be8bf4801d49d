package org.opencrm.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

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
    private static final int MAX_REQUEST_BYTES = 1_048_576;

    @LocalServerPort
    int port;

    @Autowired
    RevokedApiKeys revokedApiKeys;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final UUID userId = UUID.randomUUID();
    private final UUID workspaceId = UUID.randomUUID();

    @Test
    void letsPublicPathsAndActuatorThroughWithoutToken() throws Exception {
        assertThat(get("/public/ping", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void ignoresExpiredOrMalformedBearerTokenOnPublicPathsOnly() throws Exception {
        Instant past = Instant.now().minusSeconds(7200);
        String expired = TOKENS.sign(TestTokens.claims(past)
                .expirationTime(Date.from(past.plusSeconds(60)))
                .subject(userId.toString())
                .claim(TokenClaims.TYPE, "ACCESS"));

        for (String token : new String[] {expired, "not.a.jwt"}) {
            assertThat(get("/public/ping", token).statusCode()).isEqualTo(200);
            assertThat(get("/actuator/health", token).statusCode()).isEqualTo(200);
            assertThat(get("/me", token).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void acceptsBodyUpToTheLimit() throws Exception {
        HttpResponse<String> response = post("/public/echo", HttpRequest.BodyPublishers.ofString(
                jsonOfSize(MAX_REQUEST_BYTES)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(String.valueOf(MAX_REQUEST_BYTES));
    }

    @Test
    void answersBodyOverTheDeclaredLimitWithPayloadTooLarge() throws Exception {
        HttpResponse<String> response = post("/public/echo", HttpRequest.BodyPublishers.ofString(
                jsonOfSize(MAX_REQUEST_BYTES + 1)));

        assertPayloadTooLarge(response);
    }

    @Test
    void countsChunkedBodiesWithoutContentLength() throws Exception {
        String fits = jsonOfSize(MAX_REQUEST_BYTES);
        String tooLarge = jsonOfSize(MAX_REQUEST_BYTES + 1);

        HttpResponse<String> accepted = post("/public/echo", chunked(fits));
        HttpResponse<String> refused = post("/public/echo", chunked(tooLarge));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo(String.valueOf(MAX_REQUEST_BYTES));
        assertPayloadTooLarge(refused);
    }

    @Test
    void refusesJsonNestedDeeperThan64() throws Exception {
        assertThat(post("/public/echo", HttpRequest.BodyPublishers.ofString(nested(64))).statusCode())
                .isEqualTo(200);

        HttpResponse<String> response = post("/public/echo", HttpRequest.BodyPublishers.ofString(nested(65)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    @Test
    void refusesJsonStringsLongerThanAMillionCharacters() throws Exception {
        assertThat(post("/public/echo", HttpRequest.BodyPublishers.ofString(
                "{\"s\":\"" + "x".repeat(1_000_000) + "\"}")).statusCode()).isEqualTo(200);

        HttpResponse<String> response = post("/public/echo", HttpRequest.BodyPublishers.ofString(
                "{\"s\":\"" + "x".repeat(1_000_001) + "\"}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
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

    /** A JSON object of exactly {@code size} bytes, its strings within the parser's length limit. */
    private static String jsonOfSize(int size) {
        int content = size - "{\"a\":\"\",\"b\":\"\"}".length();
        return "{\"a\":\"" + "x".repeat(content / 2) + "\",\"b\":\"" + "x".repeat(content - content / 2) + "\"}";
    }

    /** An object nested {@code depth} deep: the object itself and {@code depth - 1} arrays inside it. */
    private static String nested(int depth) {
        return "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    /** Without a length the client sends the body chunked. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"type\":\"https://opencrm.dev/problems/payload-too-large\"")
                .contains("limit of " + MAX_REQUEST_BYTES + " bytes");
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body)
                .build(), HttpResponse.BodyHandlers.ofString());
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

        private final JsonMapper json;

        TestController(JsonMapper json) {
            this.json = json;
        }

        /** The size of the body as parsed by the service's JSON mapper, written out again compactly. */
        @PostMapping("/public/echo")
        int echo(@RequestBody Map<String, Object> body) {
            return json.writeValueAsBytes(body).length;
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
