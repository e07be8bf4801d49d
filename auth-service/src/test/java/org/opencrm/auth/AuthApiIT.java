package org.opencrm.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.google.protobuf.Timestamp;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencrm.auth.token.TokenSigner;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.kafka.KafkaTestClient;
import org.opencrm.proto.Topics;
import org.opencrm.proto.auth.v1.ApiKeyRevoked;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.awaitility.Awaitility.await;

/** auth-service over real HTTP on embedded PostgreSQL and Kafka. */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + AuthServiceApplication.CONFIG_NAME)
class AuthApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final KafkaTestClient KAFKA = KafkaTestClient.connect(Topics.API_KEY_EVENTS);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE);
    }

    @AfterAll
    static void closeKafkaClient() {
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("apiKeyRevocationListenerContainer")
    MessageListenerContainer revocationListener;

    @Autowired
    TokenSigner signer;

    @MockitoSpyBean
    PasswordEncoder passwordEncoder;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signsUpAndLogsInWithTokensTheJwksVerifies() throws Exception {
        String email = uniqueEmail();

        HttpResponse<String> signUp = post("/auth/sign-up", Map.of("email", email, "password", "s3cret-pass"), null);
        assertThat(signUp.statusCode()).isEqualTo(201);
        JsonNode signedUp = JSON.readTree(signUp.body());
        String userId = signedUp.path("user").path("id").asString();
        assertThat(signedUp.path("user").path("email").asString()).isEqualTo(email);

        HttpResponse<String> login = post("/auth/login",
                Map.of("email", email.toUpperCase(), "password", "s3cret-pass"), null);
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(login.body()).path("tokens");
        assertThat(Instant.parse(tokens.path("accessToken").path("expiresAt").asString()))
                .isBetween(Instant.now().plusSeconds(1700), Instant.now().plusSeconds(1900));

        Jwt access = jwksDecoder().decode(tokens.path("accessToken").path("token").asString());
        assertThat(access.getClaimAsString("iss")).isEqualTo("opencrm");
        assertThat(access.getSubject()).isEqualTo(userId);
        assertThat(access.getClaimAsString("type")).isEqualTo("ACCESS");
        assertThat(access.hasClaim("workspaceId")).isFalse();
        Jwt refresh = jwksDecoder().decode(tokens.path("refreshToken").path("token").asString());
        assertThat(refresh.getClaimAsString("type")).isEqualTo("REFRESH");
    }

    @Test
    void publishesTheSigningKeyStoredForEveryReplica() throws Exception {
        JsonNode keys = JSON.readTree(get("/auth/.well-known/jwks.json", null).body()).path("keys");

        assertThat(keys.valueStream().map(key -> key.path("kid").asString()))
                .containsExactlyElementsOf(jdbc.sql("SELECT \"id\" FROM core.\"signingKey\"").query(String.class).list());
        assertThat(keys.get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
    }

    @Test
    void exposesHealthAndPrometheusWithoutToken() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesSecondSignUpWithSameEmailInAnyCase() throws Exception {
        String email = uniqueEmail();
        post("/auth/sign-up", Map.of("email", email, "password", "s3cret-pass"), null);

        HttpResponse<String> again = post("/auth/sign-up",
                Map.of("email", email.toUpperCase(), "password", "other-pass"), null);

        assertProblem(again, 409, "email-taken");
    }

    @Test
    void refusesWrongPasswordAndUnknownEmailAlike() throws Exception {
        String email = uniqueEmail();
        post("/auth/sign-up", Map.of("email", email, "password", "s3cret-pass"), null);

        HttpResponse<String> wrongPassword = post("/auth/login",
                Map.of("email", email, "password", "wrong-pass"), null);
        HttpResponse<String> unknownEmail = post("/auth/login",
                Map.of("email", uniqueEmail(), "password", "s3cret-pass"), null);

        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertProblem(unknownEmail, 401, "invalid-credentials");
        assertThat(JSON.readTree(wrongPassword.body()).path("detail"))
                .isEqualTo(JSON.readTree(unknownEmail.body()).path("detail"));
    }

    @Test
    void namesEveryInvalidSignUpField() throws Exception {
        HttpResponse<String> response = post("/auth/sign-up", Map.of("email", "not-an-email", "password", "short"),
                null);

        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.path("errors").valueStream()
                .map(error -> error.path("field").asString() + ":" + error.path("rule").asString()))
                .containsExactlyInAnyOrder("email:email", "password:min-length");
    }

    @Test
    void answersMalformedJsonWithProblemAndNoStackTrace() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/auth/sign-up"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": ")));

        JsonNode problem = assertProblem(response, 400, "malformed-request");
        assertThat(problem.path("detail").asString()).contains("not valid JSON");
        assertThat(response.body()).doesNotContain("at org.").doesNotContain("Exception");
    }

    @Test
    void servesTheRevokedListOverAndOverWithoutKeepingConnections() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertThat(get("/auth/api-keys/revoked", null).statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(((HikariDataSource) dataSource).getHikariPoolMXBean().getActiveConnections()).isZero());
    }

    @Test
    void givesSpringsOwnRefusalsProblemTypesOfOurs() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/auth/sign-up")).GET()), 405, "method-not-allowed");
        assertProblem(send(HttpRequest.newBuilder(uri("/auth/sign-up"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "unsupported-media-type");
    }

    @Test
    void makesWorkspaceCreatorAnAdminMemberWhoCanExchangeTokens() throws Exception {
        JsonNode session = signUp();
        String userId = session.path("user").path("id").asString();
        String accessToken = session.path("tokens").path("accessToken").path("token").asString();
        UUID workspaceId = UUID.randomUUID();

        assertProblem(post("/auth/token/workspace", Map.of("workspaceId", workspaceId.toString()), accessToken),
                404, "workspace-not-found");
        String email = session.path("user").path("email").asString();
        assertProblem(post("/auth/login",
                Map.of("email", email, "password", "s3cret-pass", "workspaceId", workspaceId.toString()), null),
                404, "workspace-not-found");

        WorkspaceCreated created = workspaceCreated(workspaceId, userId);
        publish(created);
        publish(created);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                post("/auth/token/workspace", Map.of("workspaceId", workspaceId.toString()), accessToken)
                        .statusCode()).isEqualTo(200));
        JsonNode scoped = JSON.readTree(post("/auth/token/workspace",
                Map.of("workspaceId", workspaceId.toString()), accessToken).body());
        Jwt scopedAccess = jwksDecoder().decode(scoped.path("tokens").path("accessToken").path("token").asString());
        assertThat(scopedAccess.getClaimAsString("workspaceId")).isEqualTo(workspaceId.toString());
        assertThat(scopedAccess.getSubject()).isEqualTo(userId);

        HttpResponse<String> scopedLogin = post("/auth/login",
                Map.of("email", email, "password", "s3cret-pass", "workspaceId", workspaceId.toString()), null);
        assertThat(jwksDecoder().decode(JSON.readTree(scopedLogin.body())
                .path("tokens").path("accessToken").path("token").asString()).getClaimAsString("workspaceId"))
                .isEqualTo(workspaceId.toString());
    }

    @Test
    void rotatesRefreshTokensAndRefusesReuse() throws Exception {
        String refreshToken = signUp().path("tokens").path("refreshToken").path("token").asString();

        HttpResponse<String> refreshed = post("/auth/token/refresh", Map.of("refreshToken", refreshToken), null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String next = JSON.readTree(refreshed.body()).path("tokens").path("refreshToken").path("token").asString();
        assertThat(next).isNotEqualTo(refreshToken);

        assertProblem(post("/auth/token/refresh", Map.of("refreshToken", refreshToken), null), 401, "unauthorized");
        assertThat(post("/auth/token/refresh", Map.of("refreshToken", next), null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesRefreshTokenAsBearerToken() throws Exception {
        String refreshToken = signUp().path("tokens").path("refreshToken").path("token").asString();

        HttpResponse<String> response = get("/auth/api-keys", refreshToken);

        JsonNode problem = assertProblem(response, 401, "unauthorized");
        assertThat(problem.path("detail").asString()).contains("refresh token");
    }

    @Test
    void requiresTokenForApiKeys() throws Exception {
        JsonNode problem = assertProblem(get("/auth/api-keys", null), 401, "unauthorized");
        assertThat(problem.path("detail").asString()).contains("no bearer token");
    }

    @Test
    void requiresWorkspaceScopedTokenForApiKeys() throws Exception {
        String accessToken = signUp().path("tokens").path("accessToken").path("token").asString();

        assertProblem(post("/auth/api-keys", Map.of("name", "ci", "expiresAt", "2099-01-01T00:00:00Z"), accessToken),
                403, "workspace-token-required");
    }

    @Test
    void validatesApiKeyNameAndExpiry() throws Exception {
        String token = workspaceToken(UUID.randomUUID());

        JsonNode problem = assertProblem(post("/auth/api-keys",
                Map.of("name", "x".repeat(101), "expiresAt", "2001-01-01T00:00:00Z"), token), 400, "validation-failed");
        assertThat(problem.path("errors").valueStream()
                .map(error -> error.path("field").asString() + ":" + error.path("rule").asString()))
                .containsExactlyInAnyOrder("name:max-length", "expiresAt:future");
        assertProblem(post("/auth/api-keys", Map.of("name", "ci", "expiresAt", "next week"), token),
                400, "validation-failed");
    }

    @Test
    void createsListsAndRevokesApiKeysAnnouncingRevocationOnKafka() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = workspaceToken(workspaceId);
        await().atMost(Duration.ofSeconds(30)).until(() -> !revocationListener.getAssignedPartitions().isEmpty());

        HttpResponse<String> created = post("/auth/api-keys",
                Map.of("name", "Zapier", "expiresAt", "2099-01-01T00:00:00Z"), token);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body()).path("data").path("createApiKey");
        String apiKeyId = key.path("id").asString();
        assertThat(key.path("name").asString()).isEqualTo("Zapier");
        assertThat(key.has("revokedAt")).isTrue();
        assertThat(key.path("revokedAt").isNull()).isTrue();
        Jwt apiKey = jwksDecoder().decode(key.path("token").asString());
        assertThat(apiKey.getClaimAsString("type")).isEqualTo("API_KEY");
        assertThat(apiKey.getSubject()).isEqualTo(workspaceId.toString());
        assertThat(apiKey.getId()).isEqualTo(apiKeyId);

        JsonNode listed = JSON.readTree(get("/auth/api-keys", token).body()).path("data").path("apiKeys");
        assertThat(listed.valueStream().map(k -> k.path("id").asString())).containsExactly(apiKeyId);
        assertThat(listed.get(0).has("token")).isFalse();

        // The key authenticates (then is refused as it is not a user) until it is revoked.
        assertProblem(get("/auth/api-keys", key.path("token").asString()), 403, "user-token-required");

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(uri("/auth/api-keys/" + apiKeyId))
                .header("Authorization", "Bearer " + token).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("data").path("revokeApiKey").path("revokedAt").isNull())
                .isFalse();

        assertThat(revocationEventsFor(apiKeyId)).singleElement().satisfies(event -> {
            assertThat(event.getWorkspaceId()).isEqualTo(workspaceId.toString());
            assertThat(event.getSchemaVersion()).isEqualTo(Topics.EVENT_SCHEMA_VERSION);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertProblem(get("/auth/api-keys", key.path("token").asString()), 401, "unauthorized"));
        assertThat(JSON.readTree(get("/auth/api-keys/revoked", null).body()).path("revokedApiKeyIds")
                .valueStream().map(JsonNode::asString)).contains(apiKeyId);
    }

    @Test
    void refusesApiKeyManagementToMembersWhoAreNotAdmins() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String adminToken = workspaceToken(workspaceId);
        String apiKeyId = JSON.readTree(post("/auth/api-keys",
                Map.of("name", "ci", "expiresAt", "2099-01-01T00:00:00Z"), adminToken).body())
                .path("data").path("createApiKey").path("id").asString();
        JsonNode member = signUp();
        jdbc.sql("INSERT INTO core.\"userWorkspace\" (\"userId\", \"workspaceId\", \"role\") VALUES (?, ?, 'MEMBER')")
                .params(UUID.fromString(member.path("user").path("id").asString()), workspaceId)
                .update();
        HttpResponse<String> exchanged = post("/auth/token/workspace", Map.of("workspaceId", workspaceId.toString()),
                member.path("tokens").path("accessToken").path("token").asString());
        assertThat(exchanged.statusCode()).isEqualTo(200);
        String memberToken = JSON.readTree(exchanged.body()).path("tokens").path("accessToken").path("token")
                .asString();

        assertProblem(post("/auth/api-keys", Map.of("name", "mine", "expiresAt", "2099-01-01T00:00:00Z"),
                memberToken), 403, "admin-required");
        assertProblem(get("/auth/api-keys", memberToken), 403, "admin-required");
        assertProblem(send(HttpRequest.newBuilder(uri("/auth/api-keys/" + apiKeyId))
                .header("Authorization", "Bearer " + memberToken).DELETE()), 403, "admin-required");
        assertThat(JSON.readTree(get("/auth/api-keys", adminToken).body()).path("data").path("apiKeys")
                .valueStream().map(key -> key.path("id").asString() + " " + key.path("revokedAt").isNull()))
                .containsExactly(apiKeyId + " true");
    }

    @Test
    void signsUpLogsInAndRefreshesWhileSendingAnExpiredOrMalformedAccessToken() throws Exception {
        String expired = signer.accessToken(UUID.randomUUID(), null, Instant.now().minusSeconds(3600)).token();

        for (String staleToken : List.of(expired, "not.a.jwt")) {
            String email = uniqueEmail();
            HttpResponse<String> signUp = post("/auth/sign-up", Map.of("email", email, "password", "s3cret-pass"),
                    staleToken);
            assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
            HttpResponse<String> login = post("/auth/login", Map.of("email", email, "password", "s3cret-pass"),
                    staleToken);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String refreshToken = JSON.readTree(login.body()).path("tokens").path("refreshToken").path("token")
                    .asString();

            HttpResponse<String> refreshed = post("/auth/token/refresh", Map.of("refreshToken", refreshToken),
                    staleToken);

            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            assertProblem(get("/auth/api-keys", staleToken), 401, "unauthorized");
        }
    }

    @Test
    void answersBodyOverOneMebibyteWithPayloadTooLarge() throws Exception {
        String body = "{\"email\":\"" + "x".repeat(1_048_576) + "\"}";

        JsonNode problem = assertProblem(send(HttpRequest.newBuilder(uri("/auth/sign-up"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), 413, "payload-too-large");
        assertThat(problem.path("detail").asString()).contains("1048576 bytes");
    }

    @Test
    void answersTooDeeplyNestedOrTooLongJsonWithBadRequest() throws Exception {
        String nested = "{\"email\":\"a@example.com\",\"password\":\"s3cret-pass\",\"extra\":"
                + "[".repeat(64) + "]".repeat(64) + "}";
        String longString = "{\"email\":\"" + "x".repeat(1_000_001) + "\",\"password\":\"s3cret-pass\"}";

        for (String body : List.of(nested, longString)) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/auth/sign-up"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));

            JsonNode problem = assertProblem(response, 400, "malformed-request");
            assertThat(problem.path("detail").asString()).contains("exceeds the maximum");
        }
    }

    @Test
    void hashesAndChecksPasswordsOutsideAnyTransaction() throws Exception {
        List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            return invocation.callRealMethod();
        }).when(passwordEncoder).encode(any());
        doAnswer(invocation -> {
            inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            return invocation.callRealMethod();
        }).when(passwordEncoder).matches(any(), any());
        String email = uniqueEmail();

        assertThat(post("/auth/sign-up", Map.of("email", email, "password", "s3cret-pass"), null).statusCode())
                .isEqualTo(201);
        assertThat(post("/auth/login", Map.of("email", email, "password", "s3cret-pass"), null).statusCode())
                .isEqualTo(200);
        assertThat(post("/auth/login", Map.of("email", uniqueEmail(), "password", "s3cret-pass"), null)
                .statusCode()).isEqualTo(401);

        assertThat(inTransaction).hasSize(3).containsOnly(false);
    }

    @Test
    void answersUnknownApiKeyWithNotFound() throws Exception {
        String token = workspaceToken(UUID.randomUUID());

        assertProblem(send(HttpRequest.newBuilder(uri("/auth/api-keys/" + UUID.randomUUID()))
                .header("Authorization", "Bearer " + token).DELETE()), 404, "api-key-not-found");
        assertProblem(send(HttpRequest.newBuilder(uri("/auth/api-keys/not-a-uuid"))
                .header("Authorization", "Bearer " + token).DELETE()), 400, "validation-failed");
    }

    private String workspaceToken(UUID workspaceId) throws Exception {
        JsonNode session = signUp();
        publish(workspaceCreated(workspaceId, session.path("user").path("id").asString()));
        String accessToken = session.path("tokens").path("accessToken").path("token").asString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                post("/auth/token/workspace", Map.of("workspaceId", workspaceId.toString()), accessToken)
                        .statusCode()).isEqualTo(200));
        return JSON.readTree(post("/auth/token/workspace", Map.of("workspaceId", workspaceId.toString()),
                accessToken).body()).path("tokens").path("accessToken").path("token").asString();
    }

    private JsonNode signUp() throws Exception {
        HttpResponse<String> response = post("/auth/sign-up",
                Map.of("email", uniqueEmail(), "password", "s3cret-pass"), null);
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static WorkspaceCreated workspaceCreated(UUID workspaceId, String creatorUserId) {
        return WorkspaceCreated.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .setWorkspaceId(workspaceId.toString())
                .setCreatorUserId(creatorUserId)
                .setDisplayName("Acme")
                .build();
    }

    private static void publish(WorkspaceCreated event) {
        KAFKA.send(Topics.WORKSPACE_EVENTS, event.getWorkspaceId(), event.toByteArray());
    }

    private static List<ApiKeyRevoked> revocationEventsFor(String apiKeyId) {
        KAFKA.awaitRecord(Topics.API_KEY_EVENTS, ApiKeyRevoked::parseFrom,
                event -> event.getApiKeyId().equals(apiKeyId));
        return KAFKA.records(Topics.API_KEY_EVENTS, ApiKeyRevoked::parseFrom).stream()
                .map(ConsumerRecord::value)
                .filter(event -> event.getApiKeyId().equals(apiKeyId))
                .toList();
    }

    private NimbusJwtDecoder jwksDecoder() {
        return NimbusJwtDecoder.withJwkSetUri(uri("/auth/.well-known/jwks.json").toString()).build();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://opencrm.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    private HttpResponse<String> post(String path, Map<String, String> body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }
}
