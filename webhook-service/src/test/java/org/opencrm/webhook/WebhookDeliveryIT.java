package org.opencrm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.embedded.auth.TestTokens;
import org.opencrm.embedded.kafka.KafkaTestClient;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChangeBatch;
import org.opencrm.proto.records.v1.RecordChanged;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = WebhookServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + WebhookServiceApplication.CONFIG_NAME,
            "crm.webhook.delivery.allow-private-targets=true",
            "crm.webhook.delivery.retry-schedule=300ms,300ms,300ms",
            "crm.webhook.delivery.jitter=0",
            "crm.webhook.delivery.poll-interval=100ms"
        })
class WebhookDeliveryIT {

    private static final String DATABASE_URL = TestInfrastructure.newDatabase();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final Partner PARTNER = new Partner();
    private static final KafkaTestClient KAFKA = kafkaWithRecordChangesTopic();

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE_URL, AUTH);
    }

    @BeforeEach
    void listenerIsAssigned() {
        await().atMost(TIMEOUT).until(() -> {
            var container = listeners.getListenerContainer("webhook-record-changes");
            return container != null && container.getAssignedPartitions() != null
                    && !container.getAssignedPartitions().isEmpty();
        });
    }

    @AfterAll
    static void stopServers() {
        KAFKA.close();
        PARTNER.server.stop(0);
        AUTH.close();
    }

    @Test
    void deliversARecordEventSignedBothWaysWithinOneSecond() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = TOKENS.workspaceToken(workspaceId);
        String targetUrl = PARTNER.url("ok");
        String secret = "partner-secret-0123456789";

        Reply created = call("POST", "/rest/webhooks", token, Map.of("targetUrl", targetUrl,
                "operations", List.of("person.*"), "secret", secret, "description", "CRM sync"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode webhook = created.body().at("/data/createWebhook");
        String webhookId = webhook.get("id").stringValue();
        assertThat(webhook.get("targetUrl").stringValue()).isEqualTo(targetUrl);
        assertThat(webhook.get("operations").get(0).stringValue()).isEqualTo("person.*");
        assertThat(webhook.get("description").stringValue()).isEqualTo("CRM sync");
        assertThat(webhook.has("createdAt")).isTrue();
        assertThat(webhook.has("secret")).isFalse();
        assertThat(call("GET", "/rest/webhooks", token, null).body().at("/data/webhooks/0/id").stringValue()).isEqualTo(webhookId);
        assertThat(call("GET", "/rest/webhooks/" + webhookId, token, null).body().at("/data/webhook/targetUrl").stringValue())
                .isEqualTo(targetUrl);

        RecordChanged event = personCreated(workspaceId, "Ada", "Lovelace");
        long publishedAt = System.nanoTime();
        publish(event);

        Received received = await().atMost(TIMEOUT).until(() -> PARTNER.receivedAt(targetUrl), requests -> !requests.isEmpty()).getFirst();
        assertThat(Duration.ofNanos(received.atNanos() - publishedAt)).isLessThan(Duration.ofSeconds(1));

        JsonNode payload = JSON.readTree(received.body());
        assertThat(payload.get("eventName").stringValue()).isEqualTo("person.created");
        assertThat(payload.get("targetUrl").stringValue()).isEqualTo(targetUrl);
        assertThat(payload.get("webhookId").stringValue()).isEqualTo(webhookId);
        assertThat(payload.get("workspaceId").stringValue()).isEqualTo(workspaceId.toString());
        assertThat(payload.get("eventId").stringValue()).isEqualTo(event.getEventId());
        assertThat(payload.at("/objectMetadata/nameSingular").stringValue()).isEqualTo("person");
        assertThat(payload.at("/objectMetadata/id").stringValue()).isEqualTo(event.getObjectMetadataId());
        assertThat(payload.at("/record/name/firstName").stringValue()).isEqualTo("Ada");
        assertThat(payload.at("/record/employees").isIntegralNumber()).isTrue();
        assertThat(payload.has("eventDate")).isTrue();
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertSignedBothWays(received, secret.getBytes(StandardCharsets.UTF_8), secret);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode deliveries = call("GET", "/rest/webhooks/" + webhookId + "/deliveries", token, null)
                    .body().at("/data/webhookDeliveries");
            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.get(0).get("status").stringValue()).isEqualTo("SUCCEEDED");
            assertThat(deliveries.get(0).get("responseStatus").intValue()).isEqualTo(200);
            assertThat(deliveries.get(0).get("eventName").stringValue()).isEqualTo("person.created");
        });
    }

    @Test
    void retriesAFailedDeliveryAndLogsEveryAttempt() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = TOKENS.workspaceToken(workspaceId);
        String targetUrl = PARTNER.url("flaky");

        Reply created = call("POST", "/rest/webhooks", token, Map.of("targetUrl", targetUrl, "operations", List.of("*.created")));
        String webhookId = created.body().at("/data/createWebhook/id").stringValue();
        String generatedSecret = created.body().at("/data/createWebhook/secret").stringValue();
        assertThat(generatedSecret).startsWith("whsec_");

        publish(personCreated(workspaceId, "Grace", "Hopper"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode deliveries = call("GET", "/rest/webhooks/" + webhookId + "/deliveries", token, null)
                    .body().at("/data/webhookDeliveries");
            assertThat(deliveries).hasSize(2);
            assertThat(deliveries.get(0).get("attempt").intValue()).isEqualTo(2);
            assertThat(deliveries.get(0).get("status").stringValue()).isEqualTo("SUCCEEDED");
            assertThat(deliveries.get(0).get("responseStatus").intValue()).isEqualTo(200);
            assertThat(deliveries.get(1).get("attempt").intValue()).isEqualTo(1);
            assertThat(deliveries.get(1).get("status").stringValue()).isEqualTo("FAILED");
            assertThat(deliveries.get(1).get("responseStatus").intValue()).isEqualTo(500);
            assertThat(deliveries.get(1).get("error").stringValue()).startsWith("HTTP 500");
        });
        List<Received> attempts = PARTNER.receivedAt(targetUrl);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).headers().getFirst("webhook-id")).isEqualTo(attempts.get(0).headers().getFirst("webhook-id"));
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
        byte[] standardKey = Base64.getDecoder().decode(generatedSecret.substring("whsec_".length()));
        for (Received attempt : attempts) {
            assertSignedBothWays(attempt, standardKey, generatedSecret);
        }
    }

    @Test
    void deliversARedeliveredEventOnceAndOnlyToMatchingWebhooks() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = TOKENS.workspaceToken(workspaceId);
        String targetUrl = PARTNER.url("ok");
        call("POST", "/rest/webhooks", token, Map.of("targetUrl", targetUrl, "operations", List.of("*.*")));
        String otherUrl = PARTNER.url("ok");
        String otherId = call("POST", "/rest/webhooks", token, Map.of("targetUrl", otherUrl, "operations", List.of("company.created")))
                .body().at("/data/createWebhook/id").stringValue();
        RecordChanged event = personCreated(workspaceId, "Alan", "Turing");
        RecordChanged marker = personCreated(workspaceId, "Marker", "Event");

        publish(event);
        publish(event);
        // Same key, same partition: once the marker arrives, the duplicate has been consumed before it.
        publish(marker);

        await().atMost(TIMEOUT).until(() -> PARTNER.receivedAt(targetUrl).stream()
                .anyMatch(received -> received.body().contains(marker.getEventId())));
        assertThat(PARTNER.receivedAt(targetUrl).stream().filter(received -> received.body().contains(event.getEventId())))
                .hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM core.\"webhookDelivery\" WHERE \"eventId\" = ?::uuid",
                Integer.class, event.getEventId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM core.\"webhookDelivery\" WHERE \"webhookId\" = ?::uuid",
                Integer.class, otherId)).isZero();
        assertThat(PARTNER.receivedAt(otherUrl)).isEmpty();
    }

    @Test
    void deliversEveryChangeOfAnImportBatchOnceWithOrWithoutTheTypeHeader() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = TOKENS.workspaceToken(workspaceId);
        String targetUrl = PARTNER.url("ok");
        call("POST", "/rest/webhooks", token, Map.of("targetUrl", targetUrl, "operations", List.of("person.created")));
        List<RecordChanged> changes = List.of(personCreated(workspaceId, "Ada", "Lovelace"),
                personCreated(workspaceId, "Grace", "Hopper"), personCreated(workspaceId, "Alan", "Turing"));
        RecordChangeBatch withHeader = batch(workspaceId, changes.subList(0, 2));
        RecordChangeBatch withoutHeader = batch(workspaceId, changes.subList(2, 3));

        Map<String, String> type = Map.of("eventType", RecordChangeBatch.getDescriptor().getFullName());
        KAFKA.send(Topics.RECORD_CHANGES, workspaceId.toString(), withHeader.toByteArray(), type);
        KAFKA.send(Topics.RECORD_CHANGES, workspaceId.toString(), withHeader.toByteArray(), type);
        KAFKA.send(Topics.RECORD_CHANGES, workspaceId.toString(), withoutHeader.toByteArray());

        await().atMost(TIMEOUT).until(() -> PARTNER.receivedAt(targetUrl).size() >= 3);
        for (RecordChanged change : changes) {
            assertThat(PARTNER.receivedAt(targetUrl).stream()
                    .filter(received -> received.body().contains(change.getEventId()))).hasSize(1);
        }
        JsonNode payload = JSON.readTree(PARTNER.receivedAt(targetUrl).getFirst().body());
        assertThat(payload.get("eventName").stringValue()).isEqualTo("person.created");
        assertThat(payload.at("/record/name/lastName").stringValue()).isIn("Lovelace", "Hopper", "Turing");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM core.\"webhookDelivery\" d JOIN core.\"webhook\" w "
                + "ON w.\"id\" = d.\"webhookId\" WHERE w.\"workspaceId\" = ?", Integer.class, workspaceId)).isEqualTo(3);
    }

    private static RecordChangeBatch batch(UUID workspaceId, List<RecordChanged> changes) {
        return RecordChangeBatch.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setWorkspaceId(workspaceId.toString())
                .setImportJobId(UUID.randomUUID().toString())
                .addAllChanges(changes)
                .build();
    }

    @Test
    void replaysAPastDeliveryWithTheSameMessageId() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = TOKENS.workspaceToken(workspaceId);
        String targetUrl = PARTNER.url("ok");
        String webhookId = call("POST", "/rest/webhooks", token, Map.of("targetUrl", targetUrl, "operations", List.of("person.created")))
                .body().at("/data/createWebhook/id").stringValue();
        publish(personCreated(workspaceId, "Katherine", "Johnson"));
        String deliveriesPath = "/rest/webhooks/" + webhookId + "/deliveries";
        String deliveryId = await().atMost(TIMEOUT).until(
                () -> call("GET", deliveriesPath, token, null).body().at("/data/webhookDeliveries/0"),
                delivery -> "SUCCEEDED".equals(delivery.path("status").stringValue(null))).get("id").stringValue();

        Reply replay = call("POST", deliveriesPath + "/" + deliveryId + "/replay", token, null);

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.body().at("/data/replayWebhookDelivery/attempt").intValue()).isEqualTo(2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(call("GET", deliveriesPath, token, null)
                .body().at("/data/webhookDeliveries/0/status").stringValue()).isEqualTo("SUCCEEDED"));
        List<Received> requests = PARTNER.receivedAt(targetUrl);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).headers().getFirst("webhook-id")).isEqualTo(requests.get(0).headers().getFirst("webhook-id"));
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
    }

    @Test
    void disablesAWebhookWhoseEndpointAnswersGone() throws Exception {
        UUID workspaceId = UUID.randomUUID();
        String token = TOKENS.workspaceToken(workspaceId);
        String webhookId = call("POST", "/rest/webhooks", token,
                Map.of("targetUrl", PARTNER.url("gone"), "operations", List.of("person.created")))
                .body().at("/data/createWebhook/id").stringValue();

        publish(personCreated(workspaceId, "Gone", "Away"));

        await().atMost(TIMEOUT).until(() -> call("GET", "/rest/webhooks/" + webhookId, token, null).status() == 404);
        assertThat(jdbc.queryForObject("SELECT \"status\" || ' ' || \"responseStatus\" FROM core.\"webhookDelivery\" WHERE \"webhookId\" = ?::uuid",
                String.class, webhookId)).isEqualTo("FAILED 410");
    }

    @Test
    void rejectsAnInvalidWebhookNamingEveryFieldAtFault() throws Exception {
        String token = TOKENS.workspaceToken(UUID.randomUUID());

        Reply reply = call("POST", "/rest/webhooks", token, Map.of("targetUrl", "ftp://partner.example/hook",
                "operations", List.of("person.created", "person.exploded"), "secret", "too-short"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("type").stringValue()).isEqualTo("https://opencrm.dev/problems/validation-failed");
        assertThat(reply.body().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("targetUrl", "operations[1]", "secret");
        assertThat(call("POST", "/rest/webhooks", token, Map.of("targetUrl", PARTNER.url("ok"), "operations", List.of()))
                .body().at("/errors/0/field").stringValue()).isEqualTo("operations");
    }

    @Test
    void hidesOtherWorkspacesWebhooksAndRemovesDeletedOnes() throws Exception {
        String owner = TOKENS.workspaceToken(UUID.randomUUID());
        String stranger = TOKENS.workspaceToken(UUID.randomUUID());
        String webhookId = call("POST", "/rest/webhooks", owner, Map.of("targetUrl", PARTNER.url("ok"), "operations", List.of("*.*")))
                .body().at("/data/createWebhook/id").stringValue();

        assertThat(call("GET", "/rest/webhooks/" + webhookId, stranger, null).status()).isEqualTo(404);
        assertThat(call("GET", "/rest/webhooks/" + webhookId + "/deliveries", stranger, null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/rest/webhooks/" + webhookId, stranger, null).status()).isEqualTo(404);
        assertThat(call("GET", "/rest/webhooks", stranger, null).body().at("/data/webhooks")).isEmpty();

        Reply deleted = call("DELETE", "/rest/webhooks/" + webhookId, owner, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().at("/data/deleteWebhook/id").stringValue()).isEqualTo(webhookId);
        assertThat(call("GET", "/rest/webhooks/" + webhookId, owner, null).status()).isEqualTo(404);
        assertThat(call("GET", "/rest/webhooks", owner, null).body().at("/data/webhooks")).isEmpty();
    }

    @Test
    void answersUnknownRoutesAndWrongMethodsWithTypedProblems() throws Exception {
        String token = TOKENS.workspaceToken(UUID.randomUUID());

        Reply unknown = call("GET", "/rest/webhooks/" + UUID.randomUUID() + "/nope", token, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("type").stringValue()).isEqualTo("https://opencrm.dev/problems/not-found");

        Reply wrongMethod = call("PUT", "/rest/webhooks", token, Map.of("targetUrl", PARTNER.url("ok")));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.body().get("type").stringValue()).isEqualTo("https://opencrm.dev/problems/method-not-allowed");
    }

    @Test
    void refusesRequestsWithoutAToken() throws Exception {
        assertThat(call("GET", "/rest/webhooks", null, null).status()).isEqualTo(401);
    }

    private static void assertSignedBothWays(Received received, byte[] standardKey, String secret) throws Exception {
        Headers headers = received.headers();
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        assertThat(id).isNotBlank();
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), offset(60L));
        assertThat(headers.getFirst("webhook-signature")).isEqualTo("v1," + Base64.getEncoder()
                .encodeToString(hmac(standardKey, id + "." + timestamp + "." + received.body())));
        String twentyTimestamp = headers.getFirst("X-Twenty-Webhook-Timestamp");
        assertThat(Long.parseLong(twentyTimestamp) / 1000).isEqualTo(Long.parseLong(timestamp));
        assertThat(headers.getFirst("X-Twenty-Webhook-Signature")).isEqualTo(HexFormat.of()
                .formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), twentyTimestamp + ":" + received.body())));
        assertThat(headers.getFirst("X-Twenty-Webhook-Nonce")).isNotBlank();
    }

    private static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }

    private static RecordChanged personCreated(UUID workspaceId, String firstName, String lastName) {
        Instant now = Instant.now();
        Struct name = Struct.newBuilder()
                .putFields("firstName", Value.newBuilder().setStringValue(firstName).build())
                .putFields("lastName", Value.newBuilder().setStringValue(lastName).build())
                .build();
        UUID recordId = UUID.randomUUID();
        Struct after = Struct.newBuilder()
                .putFields("id", Value.newBuilder().setStringValue(recordId.toString()).build())
                .putFields("name", Value.newBuilder().setStructValue(name).build())
                .putFields("employees", Value.newBuilder().setNumberValue(42).build())
                .putFields("city", Value.newBuilder().setNullValueValue(0).build())
                .build();
        return RecordChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(workspaceId.toString())
                .setObjectMetadataId(UUID.randomUUID().toString())
                .setObjectNameSingular("person")
                .setObjectNamePlural("people")
                .setRecordId(recordId.toString())
                .setAction(RecordAction.RECORD_ACTION_CREATED)
                .setAfter(after)
                .build();
    }

    private static void publish(RecordChanged event) {
        KAFKA.send(Topics.RECORD_CHANGES, event.getWorkspaceId(), event.toByteArray());
    }

    private Reply call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    private static KafkaTestClient kafkaWithRecordChangesTopic() {
        KafkaTestClient kafka = KafkaTestClient.connect();
        kafka.createTopics(Topics.RECORD_CHANGES);
        return kafka;
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    record Received(String path, Headers headers, String body, long atNanos) {
    }

    /**
     * The partner's endpoint. Paths under {@code /ok/} answer 200, under {@code /flaky/} 500 the first time and 200
     * after, under {@code /gone/} 410.
     */
    static final class Partner {

        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        Partner() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        String url(String behaviour) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/" + UUID.randomUUID();
        }

        List<Received> receivedAt(String url) {
            String path = URI.create(url).getPath();
            return received.stream().filter(request -> request.path().equals(path)).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            long at = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(path, new Headers(exchange.getRequestHeaders()), body, at));
            int call = calls.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            int status = path.startsWith("/gone/") ? 410 : path.startsWith("/flaky/") && call == 1 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }
    }
}
