package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
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
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = DataApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + DataApiApplication.CONFIG_NAME,
                "crm.dataapi.imports.max-bytes=" + ImportApiIT.MAX_BYTES})
class ImportApiIT {

    static final long MAX_BYTES = 32L * 1024 * 1024;

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final PlatformStub PLATFORM = PlatformStub.on(AUTH);
    private static final KafkaTestClient KAFKA = KafkaTestClient.connect(Topics.RECORD_CHANGES);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
        registry.add("crm.dataapi.routes.auth-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.metadata-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.webhook-url", AUTH::baseUrl);
        registry.add("spring.grpc.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stop() {
        KAFKA.close();
        AUTH.close();
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @Test
    void importsCsvKeepingTheGoodRowsAndListingTheBadOnesWithLineAndReason() {
        UUID workspace = workspace();
        String token = TOKENS.workspaceToken(workspace);
        String csv = """
                name.firstName,Last Name (name),emails.primaryEmail,jobTitle,city
                Ada,Lovelace,ada@example.com,Mathematician,London
                Grace,Hopper,grace@example.com,"Rear Admiral, US Navy",Arlington
                Alan,Turing,ada@example.com,Cryptanalyst,Wilmslow
                "Multi
                Line",Person,multi@example.com,,Paris
                Too,Few,cells
                Katherine,Johnson,katherine@example.com,Mathematician,"White Sulphur Springs"
                """;

        Reply accepted = post("/rest/imports/people", token, "text/csv", csv);

        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.body().path("id").asString();
        assertThat(accepted.raw().headers().firstValue("Location")).hasValue("/rest/imports/" + jobId);
        JsonNode job = awaitFinished(jobId, token);
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsDone").asLong()).isEqualTo(4);
        assertThat(job.path("rowsRejected").asLong()).isEqualTo(2);
        assertThat(job.path("rowsTotal").asLong()).isEqualTo(6);
        assertThat(job.path("startedAt").asString()).isNotBlank();
        assertThat(job.path("finishedAt").asString()).isNotBlank();
        JsonNode rejected = job.path("rejected");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).path("line").asLong()).isEqualTo(4);
        assertThat(rejected.get(0).path("field").asString()).isEqualTo("emails.primaryEmail");
        assertThat(rejected.get(0).path("reason").asString()).contains("already exists");
        assertThat(rejected.get(1).path("line").asLong()).isEqualTo(7);
        assertThat(rejected.get(1).path("field").asString()).isEqualTo("row");
        assertThat(rejected.get(1).path("reason").asString()).contains("3 cells");

        String people = WorkspaceSchemaName.of(workspace) + ".person";
        assertThat(jdbc.queryForList("SELECT \"nameFirstName\" FROM " + people + " ORDER BY position", String.class))
                .containsExactly("Ada", "Grace", "Multi\nLine", "Katherine");
        assertThat(jdbc.queryForObject("SELECT \"jobTitle\" FROM " + people + " WHERE \"nameLastName\" = 'Hopper'",
                String.class)).isEqualTo("Rear Admiral, US Navy");
        assertThat(jdbc.queryForObject("SELECT \"createdBySource\"::text FROM " + people
                + " WHERE \"nameLastName\" = 'Lovelace'", String.class)).isEqualTo("IMPORT");

        List<RecordChanged> changes = awaitChanges(jobId, 4);
        assertThat(changes).allMatch(change -> change.getAction() == RecordAction.RECORD_ACTION_CREATED
                && change.getObjectNameSingular().equals("person") && !change.getEventId().isEmpty());
        RecordChanged ada = changes.stream().filter(change -> change.getAfter().getFieldsOrThrow("name")
                .getStructValue().getFieldsOrThrow("firstName").getStringValue().equals("Ada")).findFirst().orElseThrow();
        String adaId = jdbc.queryForObject("SELECT id::text FROM " + people + " WHERE \"nameFirstName\" = 'Ada'", String.class);
        assertThat(ada.getRecordId()).isEqualTo(adaId);
        JsonNode stored = get("/rest/people/" + adaId, token).body().at("/data/person");
        assertThat(ada.getAfter().getFieldsOrThrow("createdAt").getStringValue()).isEqualTo(stored.path("createdAt").asString());
        assertThat(ada.getAfter().getFieldsOrThrow("position").getNumberValue()).isEqualTo(stored.path("position").asDouble());
        assertThat(ada.getAfter().getFieldsOrThrow("emails").getStructValue().getFieldsOrThrow("primaryEmail")
                .getStringValue()).isEqualTo("ada@example.com");
    }

    @Test
    void importsNdjsonOfACustomObjectRejectingRowsTheFieldRulesOrTheDatabaseRefuse() {
        UUID workspace = workspace();
        String token = TOKENS.workspaceToken(workspace);
        String ndjson = """
                {"name": "Rex", "species": "DOG", "traits": ["CALM"], "weight": 12.5, "birthday": "2020-02-29", "home": {"addressCity": "Lyon"}}
                {"name": "Tom", "species": "FISH"}
                not json
                {"name": "Ghost", "ownerId": "%s"}

                {"name": "Felix", "species": "CAT", "vaccinated": true, "tags": ["indoor", "old"], "price": 99.95}
                {"name": "Nul\\u0000Byte"}
                {"name": "Nemo", "unknownField": 1}
                """.formatted(UUID.randomUUID());

        Reply accepted = post("/rest/imports/pets", token, "application/x-ndjson", ndjson);

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode job = awaitFinished(accepted.body().path("id").asString(), token);
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsDone").asLong()).isEqualTo(2);
        assertThat(job.path("rowsRejected").asLong()).isEqualTo(5);
        JsonNode rejected = job.path("rejected");
        assertThat(rejected.valueStream().map(rejection -> rejection.path("line").asLong()))
                .containsExactly(2L, 3L, 4L, 7L, 8L);
        assertThat(rejected.get(0).path("field").asString()).isEqualTo("species");
        assertThat(rejected.get(0).path("reason").asString()).contains("must be one of");
        assertThat(rejected.get(1).path("reason").asString()).contains("not valid JSON");
        assertThat(rejected.get(2).path("field").asString()).isEqualTo("ownerId");
        assertThat(rejected.get(2).path("reason").asString()).contains("does not exist").doesNotContain("violates");
        assertThat(rejected.get(3).path("reason").asString()).doesNotContain("0x00").doesNotContain("COPY");
        assertThat(rejected.get(4).path("field").asString()).isEqualTo("unknownField");

        String pets = WorkspaceSchemaName.of(workspace) + "._pet";
        assertThat(jdbc.queryForList("SELECT name FROM " + pets + " ORDER BY position", String.class))
                .containsExactly("Rex", "Felix");
        assertThat(jdbc.queryForObject("SELECT \"homeAddressCity\" FROM " + pets + " WHERE name = 'Rex'", String.class))
                .isEqualTo("Lyon");
        assertThat(jdbc.queryForObject("SELECT array_to_string(tags, '|') FROM " + pets + " WHERE name = 'Felix'",
                String.class)).isEqualTo("indoor|old");
    }

    @Test
    void importsAHundredThousandRowsInChunks() {
        UUID workspace = workspace();
        String token = TOKENS.workspaceToken(workspace);
        int rows = 100_000;
        StringBuilder csv = new StringBuilder("name.firstName,name.lastName,emails.primaryEmail,city\n");
        for (int i = 0; i < rows; i++) {
            csv.append("First").append(i).append(",Last").append(i).append(",person").append(i)
                    .append("@example.com,City ").append(i % 100).append('\n');
        }

        long start = System.nanoTime();
        Reply accepted = post("/rest/imports/people", token, "text/csv", csv.toString());
        JsonNode job = awaitFinished(accepted.body().path("id").asString(), token);
        long elapsedNanos = System.nanoTime() - start;

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsDone").asLong()).isEqualTo(rows);
        assertThat(job.path("rowsRejected").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + WorkspaceSchemaName.of(workspace) + ".person",
                Long.class)).isEqualTo(rows);
        System.out.printf("IMPORT THROUGHPUT: %d rows in %d ms = %.0f rows/s (request to COMPLETED, events included)%n",
                rows, elapsedNanos / 1_000_000, rows / (elapsedNanos / 1e9));
        String jobId = accepted.body().path("id").asString();
        await().atMost(PATIENCE).until(() -> eventsWritten(jobId), written -> written == rows);
    }

    @Test
    void givesTheColumnsARowLeavesOutTheirDefaultsAsAnInsertWould() {
        UUID workspace = workspace();
        String token = TOKENS.workspaceToken(workspace);

        JsonNode job = awaitFinished(post("/rest/imports/companies", token, "text/csv", "name,employees\nAcme,12\n")
                .body().path("id").asString(), token);

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsDone").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT \"idealCustomerProfile\" FROM " + WorkspaceSchemaName.of(workspace)
                + ".company WHERE name = 'Acme'", Boolean.class)).as("NOT NULL DEFAULT false").isFalse();
    }

    @Test
    void rejectsEveryRowOfAnImportThatBreaksAConstraintWithoutRetryingEachChunkRowAfterRow() {
        UUID workspace = workspace();
        String token = TOKENS.workspaceToken(workspace);
        int rows = 3_000;
        StringBuilder csv = new StringBuilder("name.firstName,companyId\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Orphan").append(i).append(',').append(UUID.randomUUID()).append('\n');
        }

        JsonNode job = awaitFinished(post("/rest/imports/people", token, "text/csv", csv.toString())
                .body().path("id").asString(), token);

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsDone").asLong()).isZero();
        assertThat(job.path("rowsRejected").asLong()).isEqualTo(rows);
        assertThat(job.at("/rejected/0/field").asString()).isEqualTo("companyId");
    }

    @Test
    void anotherWorkspacesImportIsNotFound() {
        UUID workspace = workspace();
        Reply accepted = post("/rest/imports/people", TOKENS.workspaceToken(workspace), "text/csv",
                "name.firstName\nSolo\n");
        String jobId = accepted.body().path("id").asString();

        assertThat(get("/rest/imports/" + jobId, TOKENS.workspaceToken(workspace)).status()).isEqualTo(200);
        Reply foreign = get("/rest/imports/" + jobId, TOKENS.workspaceToken(UUID.randomUUID()));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("type").asString()).endsWith("/not-found");
        assertThat(get("/rest/imports/not-a-uuid", TOKENS.workspaceToken(workspace)).status()).isEqualTo(400);
    }

    @Test
    void refusesAnUnknownHeaderColumnAnUnsupportedTypeAndAnOversizedBodyBeforeImportingAnything() {
        UUID workspace = workspace();
        String token = TOKENS.workspaceToken(workspace);

        Reply unknown = post("/rest/imports/people", token, "text/csv", "name.firstName,shoeSize,name.middleName\nA,42,B\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").findValuesAsString("field")).containsExactly("shoeSize", "name.middleName");
        assertThat(post("/rest/imports/people", token, "application/json", "{}").status()).isEqualTo(415);
        assertThat(post("/rest/imports/unicorns", token, "text/csv", "name\nx\n").status()).isEqualTo(404);
        byte[] oversized = ("city\n" + "x".repeat((int) MAX_BYTES) + "\n").getBytes();
        // Streamed without a length, as a client uploading a file it reads would: the bound applies while spooling.
        Reply tooLarge = send(HttpRequest.newBuilder(uri("/rest/imports/people"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + token));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().path("type").asString()).endsWith("/payload-too-large");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM core.\"importJob\" WHERE \"workspaceId\" = ?",
                Long.class, workspace)).isZero();
    }

    private UUID workspace() {
        UUID workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        return workspace;
    }

    private JsonNode awaitFinished(String jobId, String token) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/rest/imports/" + jobId, token).body(),
                        job -> List.of("COMPLETED", "FAILED").contains(job.path("status").asString()));
    }

    /** Parses each batch once, however often the condition is polled: a large import sends hundreds of them. */
    private static List<RecordChanged> awaitChanges(String jobId, int count) {
        List<RecordChanged> changes = new ArrayList<>();
        int[] seen = {0};
        String batchType = RecordChangeBatch.getDescriptor().getFullName();
        // The relay sends a large import's events after its rows: on a busy machine that takes a while.
        return await().atMost(PATIENCE.multipliedBy(3)).until(() -> {
            var records = KAFKA.records(Topics.RECORD_CHANGES);
            for (var record : records.subList(seen[0], records.size())) {
                var type = record.headers().lastHeader("eventType");
                if (type != null && new String(type.value()).equals(batchType)) {
                    RecordChangeBatch batch = parseBatch(record.value());
                    if (batch.getImportJobId().equals(jobId)) {
                        changes.addAll(batch.getChangesList());
                    }
                }
            }
            seen[0] = records.size();
            return changes;
        }, found -> found.size() >= count);
    }

    /**
     * The distinct changes an import wrote to the outbox: those the relay has sent already and those still waiting in
     * the table. A large import's events reach Kafka after its rows; their being committed with them is what counts.
     */
    private long eventsWritten(String jobId) {
        Set<String> eventIds = new HashSet<>();
        jdbc.query("SELECT payload FROM core.\"recordOutbox\" WHERE \"eventType\" = ?", row -> {
            RecordChangeBatch batch = parseBatch(row.getBytes(1));
            if (batch.getImportJobId().equals(jobId)) {
                batch.getChangesList().forEach(change -> eventIds.add(change.getEventId()));
            }
        }, RecordChangeBatch.getDescriptor().getFullName());
        for (var record : KAFKA.records(Topics.RECORD_CHANGES)) {
            var type = record.headers().lastHeader("eventType");
            if (type != null && new String(type.value()).equals(RecordChangeBatch.getDescriptor().getFullName())) {
                RecordChangeBatch batch = parseBatch(record.value());
                if (batch.getImportJobId().equals(jobId)) {
                    batch.getChangesList().forEach(change -> eventIds.add(change.getEventId()));
                }
            }
        }
        return eventIds.size();
    }

    private static RecordChangeBatch parseBatch(byte[] value) {
        try {
            return RecordChangeBatch.parseFrom(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token));
    }

    private Reply post(String path, String token, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + token));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
