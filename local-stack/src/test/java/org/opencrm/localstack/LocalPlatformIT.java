package org.opencrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencrm.proto.records.v1.CreateRecordRequest;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordServiceGrpc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end: the whole platform started as the README starts it, used only through the
 * gateway as a new user would, from sign-up to a signed webhook received and verified.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final String WEBHOOK_SECRET = "partner-secret-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LocalPlatform platform;
    private static PlatformClient client;
    private static WebhookReceiver receiver;

    private static String userToken;
    private static String workspaceId;
    private static String token;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.start(LocalStackSettings.forTests(Map.of()));
        client = new PlatformClient(platform.gatewayUrl());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopPlatform() {
        if (receiver != null) {
            receiver.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void signsUpAndLogsInWithTokensVerifiableAgainstThePublishedKeys() {
        String email = "founder-" + UUID.randomUUID() + "@example.com";
        JsonNode signUp = client.post("/auth/sign-up", null, Map.of("email", email, "password", "correct horse battery"))
                .orThrow();
        assertThat(signUp.path("tokens").path("accessToken").path("token").asString()).isNotBlank();
        assertThat(signUp.path("tokens").path("refreshToken").path("token").asString()).isNotBlank();

        PlatformClient.Response login = client.post("/auth/login", null, Map.of("email", email, "password", "correct horse battery"));
        assertThat(login.status()).isEqualTo(200);
        userToken = login.body().path("tokens").path("accessToken").path("token").asString();

        assertThat(client.post("/auth/login", null, Map.of("email", email, "password", "wrong password!")).status()).isEqualTo(401);
        JsonNode jwks = client.get("/auth/.well-known/jwks.json", null).orThrow();
        assertThat(jwks.path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.path("keys").get(0).has("d")).as("private part never published").isFalse();
    }

    @Test
    @Order(2)
    void createsAWorkspaceThatBecomesActiveWithItsOwnSchema() {
        PlatformClient.Response created = client.post("/rest/metadata/workspaces", userToken, Map.of("displayName", "Skeleton Inc"));
        assertThat(created.status()).isEqualTo(202);
        JsonNode workspace = created.body().path("data").path("createWorkspace");
        assertThat(workspace.path("activationStatus").asString()).isEqualTo("PENDING_CREATION");
        workspaceId = workspace.path("id").asString();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                "ACTIVE".equals(client.get("/rest/metadata/workspaces/" + workspaceId, userToken)
                        .orThrow().path("data").path("workspace").path("activationStatus").asString()));

        JsonNode exchanged = awaitOk(() -> client.post("/auth/token/workspace", userToken, Map.of("workspaceId", workspaceId)));
        token = exchanged.path("tokens").path("accessToken").path("token").asString();

        JsonNode objects = client.get("/rest/metadata/objects", token).orThrow().path("data").path("objects");
        assertThat(objects.valueStream().map(o -> o.path("nameSingular").asString()).toList())
                .contains("person", "company", "opportunity");
    }

    @Test
    @Order(3)
    void servesStandardRecordsInTwentysEnvelopes() {
        String companyId = client.post("/rest/companies", token, Map.of("name", "Globex", "employees", 42))
                .orThrow().path("data").path("createCompany").path("id").asString();
        JsonNode person = client.post("/rest/people", token, Map.of(
                        "name", Map.of("firstName", "Ada", "lastName", "Lovelace"),
                        "emails", Map.of("primaryEmail", "ada@globex.example"),
                        "companyId", companyId))
                .orThrow().path("data").path("createPerson");
        String personId = person.path("id").asString();
        assertThat(person.path("name").path("firstName").asString()).isEqualTo("Ada");

        JsonNode read = client.get("/rest/people/" + personId, token).orThrow().path("data").path("person");
        assertThat(read.path("emails").path("primaryEmail").asString()).isEqualTo("ada@globex.example");
        assertThat(read.path("companyId").asString()).isEqualTo(companyId);

        JsonNode updated = client.patch("/rest/people/" + personId, token, Map.of("jobTitle", "Analyst"))
                .orThrow().path("data").path("updatePerson");
        assertThat(updated.path("jobTitle").asString()).isEqualTo("Analyst");

        for (int i = 0; i < 3; i++) {
            client.post("/rest/people", token, Map.of("name", Map.of("firstName", "P" + i, "lastName", "Page"))).orThrow();
        }
        JsonNode firstPage = client.get("/rest/people?limit=2", token).orThrow();
        assertThat(firstPage.path("data").path("people").size()).isEqualTo(2);
        assertThat(firstPage.path("totalCount").asInt()).isEqualTo(4);
        assertThat(firstPage.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        String cursor = firstPage.path("pageInfo").path("endCursor").asString();
        JsonNode secondPage = client.get("/rest/people?limit=2&starting_after=" + cursor, token).orThrow();
        assertThat(secondPage.path("data").path("people").size()).isEqualTo(2);
        assertThat(ids(firstPage.path("data").path("people"))).doesNotContainAnyElementsOf(ids(secondPage.path("data").path("people")));

        assertThat(client.delete("/rest/people/" + personId, token).status()).isEqualTo(200);
        assertThat(client.get("/rest/people/" + personId, token).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void customObjectsAndFieldsBecomeUsableThroughTheDataApi() {
        JsonNode pet = client.post("/rest/metadata/objects", token, Map.of(
                "nameSingular", "pet", "namePlural", "pets", "labelSingular", "Pet", "labelPlural", "Pets")).orThrow()
                .path("data").path("createOneObject");
        String petObjectId = pet.path("id").asString();
        awaitApplied("/rest/metadata/objects/" + petObjectId, "object");

        List<Map<String, Object>> fields = List.of(
                Map.of("objectMetadataId", petObjectId, "name", "nickname", "label", "Nickname", "type", "TEXT"),
                Map.of("objectMetadataId", petObjectId, "name", "weight", "label", "Weight", "type", "NUMBER"),
                Map.of("objectMetadataId", petObjectId, "name", "vaccinated", "label", "Vaccinated", "type", "BOOLEAN"),
                Map.of("objectMetadataId", petObjectId, "name", "adoptedAt", "label", "Adopted at", "type", "DATE_TIME"),
                Map.of("objectMetadataId", petObjectId, "name", "species", "label", "Species", "type", "SELECT",
                        "options", List.of(
                                Map.of("value", "DOG", "label", "Dog", "color", "blue", "position", 0),
                                Map.of("value", "CAT", "label", "Cat", "color", "red", "position", 1))));
        for (Map<String, Object> field : fields) {
            String fieldId = client.post("/rest/metadata/fields", token, field).orThrow()
                    .path("data").path("createOneField").path("id").asString();
            awaitApplied("/rest/metadata/fields/" + fieldId, "field");
        }

        JsonNode created = client.post("/rest/pets", token, Map.of(
                        "name", "Rex", "nickname", "Rexy", "weight", 12.5, "vaccinated", true,
                        "adoptedAt", "2026-01-02T03:04:05Z", "species", "DOG"))
                .orThrow().path("data").path("createPet");
        JsonNode read = client.get("/rest/pets/" + created.path("id").asString(), token).orThrow().path("data").path("pet");
        assertThat(read.path("nickname").asString()).isEqualTo("Rexy");
        assertThat(read.path("weight").asDouble()).isEqualTo(12.5);
        assertThat(read.path("vaccinated").asBoolean()).isTrue();
        assertThat(Instant.parse(read.path("adoptedAt").asString())).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(read.path("species").asString()).isEqualTo("DOG");

        assertThat(client.post("/rest/pets", token, Map.of("species", "PARROT")).status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void recordChangesReachAPartnerAsSignedWebhooksWithinASecond() throws Exception {
        client.post("/rest/webhooks", token, Map.of(
                "targetUrl", receiver.url(), "operations", List.of("*.*"), "secret", WEBHOOK_SECRET)).orThrow();

        long written = System.nanoTime();
        String companyId = client.post("/rest/companies", token, Map.of("name", "Initech"))
                .orThrow().path("data").path("createCompany").path("id").asString();
        WebhookReceiver.Received created = receiver.next(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(created.receivedAtNanos() - written)).isLessThan(Duration.ofSeconds(1));
        assertSignedByBothSchemes(created);
        JsonNode payload = JSON.readTree(created.body());
        assertThat(payload.path("eventName").asString()).isEqualTo("company.created");
        assertThat(payload.path("workspaceId").asString()).isEqualTo(workspaceId);
        assertThat(payload.path("record").path("id").asString()).isEqualTo(companyId);

        client.patch("/rest/companies/" + companyId, token, Map.of("employees", 7)).orThrow();
        JsonNode updated = JSON.readTree(receiver.next(Duration.ofSeconds(10)).body());
        assertThat(updated.path("eventName").asString()).isEqualTo("company.updated");
        assertThat(updated.path("updatedFields").valueStream().map(JsonNode::asString).toList()).contains("employees");

        client.delete("/rest/companies/" + companyId, token).orThrow();
        assertThat(JSON.readTree(receiver.next(Duration.ofSeconds(10)).body()).path("eventName").asString())
                .isEqualTo("company.destroyed");
    }

    @Test
    @Order(6)
    void grpcCreatesAndReadsRecordsOfAnyObject() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", platform.grpcPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            var records = RecordServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            Record created = records.create(CreateRecordRequest.newBuilder()
                    .setObject("pets")
                    .setData(Struct.newBuilder()
                            .putFields("name", Value.newBuilder().setStringValue("Felix").build())
                            .putFields("species", Value.newBuilder().setStringValue("CAT").build()))
                    .build());
            Record read = records.get(GetRecordRequest.newBuilder().setObject("pets").setId(created.getId()).build());
            assertThat(read.getFields().getFieldsOrThrow("name").getStringValue()).isEqualTo("Felix");
            assertThat(read.getFields().getFieldsOrThrow("species").getStringValue()).isEqualTo("CAT");

            var anonymous = RecordServiceGrpc.newBlockingStub(channel);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> anonymous.get(GetRecordRequest.newBuilder()
                            .setObject("pets").setId(created.getId()).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    @Order(7)
    void apiKeysWorkUntilRevoked() {
        JsonNode key = client.post("/auth/api-keys", token, Map.of(
                        "name", "CI key", "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .orThrow().path("data").path("createApiKey");
        String apiKey = key.path("token").asString();
        assertThat(client.get("/rest/companies", apiKey).status()).isEqualTo(200);

        client.delete("/auth/api-keys/" + key.path("id").asString(), token).orThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.get("/rest/companies", apiKey).status() == 401);
    }

    @Test
    @Order(8)
    void rejectsBadInputAndKeepsWorkspacesApart() {
        assertThat(client.get("/rest/companies", null).status()).isEqualTo(401);
        assertThat(client.get("/rest/companies", "not-a-jwt").status()).isEqualTo(401);
        assertThat(client.get("/rest/unicorns", token).status()).isEqualTo(404);

        PlatformClient.Response badName = client.post("/rest/metadata/objects", token, Map.of(
                "nameSingular", "a\"; drop schema public; --", "namePlural", "things", "labelSingular", "T", "labelPlural", "Ts"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().toString()).contains("nameSingular");

        String companyId = client.post("/rest/companies", token, Map.of("name", "Private Co"))
                .orThrow().path("data").path("createCompany").path("id").asString();
        String otherUser = client.post("/auth/sign-up", null, Map.of(
                        "email", "other-" + UUID.randomUUID() + "@example.com", "password", "another password"))
                .orThrow().path("tokens").path("accessToken").path("token").asString();
        String otherWorkspace = client.post("/rest/metadata/workspaces", otherUser, Map.of("displayName", "Other"))
                .orThrow().path("data").path("createWorkspace").path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(client.get("/rest/metadata/workspaces/" + otherWorkspace, otherUser)
                .orThrow().path("data").path("workspace").path("activationStatus").asString()));
        String otherToken = awaitOk(() -> client.post("/auth/token/workspace", otherUser, Map.of("workspaceId", otherWorkspace)))
                .path("tokens").path("accessToken").path("token").asString();

        assertThat(client.get("/rest/companies/" + companyId, otherToken).status()).isEqualTo(404);
        assertThat(client.patch("/rest/companies/" + companyId, otherToken, Map.of("name", "Stolen")).status()).isEqualTo(404);
        assertThat(client.get("/rest/companies/" + companyId, token).orThrow().path("data").path("company").path("name").asString())
                .isEqualTo("Private Co");
        assertThat(client.get("/rest/metadata/workspaces/" + workspaceId, otherUser).status()).isEqualTo(404);
    }

    private static void assertSignedByBothSchemes(WebhookReceiver.Received received) throws Exception {
        String id = received.header("webhook-id");
        String seconds = received.header("webhook-timestamp");
        String expectedStandard = "v1," + Base64.getEncoder().encodeToString(
                hmac(WEBHOOK_SECRET, id + "." + seconds + "." + received.body()));
        assertThat(received.header("webhook-signature").split(" ")).contains(expectedStandard);

        String millis = received.header("x-twenty-webhook-timestamp");
        String expectedTwenty = HexFormat.of().formatHex(hmac(WEBHOOK_SECRET, millis + ":" + received.body()));
        assertThat(received.header("x-twenty-webhook-signature")).isEqualTo(expectedTwenty);
        assertThat(received.header("x-twenty-webhook-nonce")).isNotBlank();
        assertThat(Math.abs(Long.parseLong(seconds) - Instant.now().getEpochSecond())).isLessThan(60);
    }

    private static byte[] hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitApplied(String path, String envelope) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            String status = client.get(path, token).orThrow().path("data").path(envelope).path("migrationStatus").asString();
            assertThat(status).isNotEqualTo("FAILED");
            return "APPLIED".equals(status);
        });
    }

    private static JsonNode awaitOk(java.util.function.Supplier<PlatformClient.Response> call) {
        PlatformClient.Response[] last = new PlatformClient.Response[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> (last[0] = call.get()).ok());
        return last[0].body();
    }

    private static List<String> ids(JsonNode records) {
        return records.valueStream().map(r -> r.path("id").asString()).toList();
    }
}
