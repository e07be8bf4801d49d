package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.embedded.auth.TestTokens;
import org.opencrm.embedded.kafka.KafkaTestClient;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.opencrm.proto.records.v1.CreateRecordRequest;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.proto.records.v1.RecordServiceGrpc;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = DataApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + DataApiApplication.CONFIG_NAME)
class RecordApiIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final PlatformStub PLATFORM = PlatformStub.on(AUTH);
    private static final KafkaTestClient KAFKA = KafkaTestClient.connect(Topics.RECORD_CHANGES);
    private static final String GRPC_SERVER = "data-api-it-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final UUID WORKSPACE_A = UUID.randomUUID();
    private static final UUID WORKSPACE_B = UUID.randomUUID();
    private static boolean schemasCreated;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
        registry.add("crm.dataapi.routes.auth-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.metadata-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.webhook-url", AUTH::baseUrl);
        registry.add("spring.grpc.server.inprocess.name", () -> GRPC_SERVER);
        registry.add("spring.grpc.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    TestHttp http;
    String tokenA;

    @AfterAll
    static void stop() {
        KAFKA.close();
        AUTH.close();
    }

    @BeforeEach
    void workspaces() {
        if (!schemasCreated) {
            WorkspaceSchemaFixture.create(jdbc, WORKSPACE_A);
            WorkspaceSchemaFixture.create(jdbc, WORKSPACE_B);
            schemasCreated = true;
        }
        http = new TestHttp(port);
        tokenA = TOKENS.workspaceToken(WORKSPACE_A);
    }

    @Test
    void createsAPersonInTwentysEnvelope() {
        var created = http.post("/rest/people", tokenA, """
                {"name": {"firstName": "Ada", "lastName": "Lovelace"},
                 "emails": {"primaryEmail": "ada@example.com", "additionalEmails": ["ada@math.org"]},
                 "jobTitle": "Mathematician", "city": "London"}""");

        assertThat(created.status()).isEqualTo(201);
        JsonNode person = created.body().path("data").path("createPerson");
        assertThat(person.path("id").asString()).isNotBlank();
        assertThat(person.path("name").path("firstName").asString()).isEqualTo("Ada");
        assertThat(person.path("name").path("lastName").asString()).isEqualTo("Lovelace");
        assertThat(person.path("emails").path("primaryEmail").asString()).isEqualTo("ada@example.com");
        assertThat(person.path("emails").path("additionalEmails").get(0).asString()).isEqualTo("ada@math.org");
        assertThat(person.path("jobTitle").asString()).isEqualTo("Mathematician");
        assertThat(person.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(person.path("deletedAt").isNull()).isTrue();
        assertThat(person.path("position").isNumber()).isTrue();
        assertThat(person.path("createdBy").path("source").asString()).isEqualTo("MANUAL");
        assertThat(person.path("createdBy").has("workspaceMemberId")).isTrue();
        assertThat(person.has("companyId")).isTrue();
        assertThat(person.has("searchVector")).isFalse();
        assertThat(person.has("nameFirstName")).isFalse();
    }

    @Test
    void recordsCreatedWithAnApiKeyAreCreatedByTheApi() {
        var created = http.post("/rest/people", TOKENS.apiKey(WORKSPACE_A), """
                {"name": {"firstName": "Key", "lastName": "Holder"}}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().at("/data/createPerson/createdBy/source").asString()).isEqualTo("API");
    }

    @Test
    void readsUpdatesAndDestroysAPerson() {
        String id = createPerson("Grace", "Hopper", null);

        var read = http.get("/rest/people/" + id, tokenA);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().at("/data/person/name/firstName").asString()).isEqualTo("Grace");

        var updated = http.patch("/rest/people/" + id, tokenA, """
                {"jobTitle": "Rear Admiral", "name": {"lastName": "Murray Hopper"}}""");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode person = updated.body().at("/data/updatePerson");
        assertThat(person.path("jobTitle").asString()).isEqualTo("Rear Admiral");
        assertThat(person.at("/name/firstName").asString()).isEqualTo("Grace");
        assertThat(person.at("/name/lastName").asString()).isEqualTo("Murray Hopper");

        var deleted = http.delete("/rest/people/" + id, tokenA);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().at("/data/deletePerson/id").asString()).isEqualTo(id);
        assertThat(http.get("/rest/people/" + id, tokenA).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table(WORKSPACE_A, "person") + " WHERE id = ?::uuid",
                Integer.class, id)).isZero();
    }

    @Test
    void softDeleteHidesTheRecordButKeepsTheRow() {
        String id = createPerson("Soft", "Deleted", null);

        var deleted = http.delete("/rest/people/" + id + "?soft_delete=true", tokenA);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().at("/data/deletePerson/id").asString()).isEqualTo(id);
        assertThat(http.get("/rest/people/" + id, tokenA).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT \"deletedAt\" IS NOT NULL FROM " + table(WORKSPACE_A, "person")
                + " WHERE id = ?::uuid", Boolean.class, id)).isTrue();
    }

    @Test
    void pagesThroughTheListByCursor() {
        UUID workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        String token = TOKENS.workspaceToken(workspace);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(http.post("/rest/people", token, "{\"name\": {\"firstName\": \"P" + i + "\"}}")
                    .body().at("/data/createPerson/id").asString());
        }

        var first = http.get("/rest/people?limit=2", token);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("totalCount").asLong()).isEqualTo(5);
        assertThat(idsOf(first.body().at("/data/people"))).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.body().at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(first.body().at("/pageInfo/hasPreviousPage").asBoolean()).isFalse();

        var second = http.get("/rest/people?limit=2&starting_after=" + first.body().at("/pageInfo/endCursor").asString(),
                token);
        assertThat(idsOf(second.body().at("/data/people"))).containsExactly(ids.get(2), ids.get(3));

        var last = http.get("/rest/people?limit=2&starting_after=" + second.body().at("/pageInfo/endCursor").asString(),
                token);
        assertThat(idsOf(last.body().at("/data/people"))).containsExactly(ids.get(4));
        assertThat(last.body().at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        var back = http.get("/rest/people?limit=2&ending_before=" + last.body().at("/pageInfo/startCursor").asString(),
                token);
        assertThat(idsOf(back.body().at("/data/people"))).containsExactly(ids.get(2), ids.get(3));
        assertThat(back.body().at("/pageInfo/hasPreviousPage").asBoolean()).isTrue();

        var all = http.get("/rest/people", token);
        assertThat(idsOf(all.body().at("/data/people"))).containsExactlyElementsOf(ids);
    }

    @Test
    void rejectsALimitAboveTwoHundredAndABrokenCursor() {
        var tooMany = http.get("/rest/people?limit=201", tokenA);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().at("/errors/0/field").asString()).isEqualTo("limit");

        var broken = http.get("/rest/people?starting_after=not-a-cursor", tokenA);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().at("/errors/0/field").asString()).isEqualTo("starting_after");
    }

    @Test
    void givesSpringsOwnRefusalsProblemTypesOfOurs() {
        var unknownPath = http.get("/rest/people/" + UUID.randomUUID() + "/friends", tokenA);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.body().path("type").asString()).isEqualTo("https://opencrm.dev/problems/not-found");

        var wrongMethod = http.send("PUT", "/rest/people", tokenA, "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body().path("type").asString())
                .isEqualTo("https://opencrm.dev/problems/method-not-allowed");
    }

    @Test
    void publishesARecordChangedForEveryWrite() {
        String id = createPerson("Evented", "Person", null);
        http.patch("/rest/people/" + id, tokenA, "{\"jobTitle\": \"Engineer\"}");
        http.delete("/rest/people/" + id, tokenA);

        var created = awaitRecordChanged(id, RecordAction.RECORD_ACTION_CREATED);
        assertThat(created.key()).isEqualTo(WORKSPACE_A.toString());
        assertThat(created.value().getObjectNameSingular()).isEqualTo("person");
        assertThat(created.value().getObjectNamePlural()).isEqualTo("people");
        assertThat(created.value().getObjectMetadataId()).isNotBlank();
        assertThat(created.value().getWorkspaceId()).isEqualTo(WORKSPACE_A.toString());
        assertThat(created.value().getSchemaVersion()).isEqualTo(Topics.EVENT_SCHEMA_VERSION);
        assertThat(created.value().getAfter().getFieldsOrThrow("name").getStructValue()
                .getFieldsOrThrow("firstName").getStringValue()).isEqualTo("Evented");

        var updated = awaitRecordChanged(id, RecordAction.RECORD_ACTION_UPDATED);
        assertThat(updated.value().getUpdatedFieldsList()).containsExactly("jobTitle");
        assertThat(updated.value().getBefore().getFieldsOrThrow("jobTitle").getStringValue()).isEmpty();
        assertThat(updated.value().getAfter().getFieldsOrThrow("jobTitle").getStringValue()).isEqualTo("Engineer");

        var destroyed = awaitRecordChanged(id, RecordAction.RECORD_ACTION_DESTROYED);
        assertThat(destroyed.value().hasAfter()).isFalse();
        assertThat(destroyed.value().getBefore().getFieldsOrThrow("id").getStringValue()).isEqualTo(id);
    }

    @Test
    void answersAnUnknownObjectWith404() {
        var response = http.get("/rest/unicorns", tokenA);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().path("detail").asString()).contains("unicorns");
    }

    @Test
    void rejectsValuesThatDoNotFitTheirFieldNamingTheField() {
        var wrongType = http.post("/rest/people", tokenA, "{\"jobTitle\": 42}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().at("/errors/0/field").asString()).isEqualTo("jobTitle");
        assertThat(wrongType.body().at("/errors/0/rule").asString()).isEqualTo("type");

        var wrongPart = http.post("/rest/people", tokenA, "{\"name\": {\"firstName\": true}}");
        assertThat(wrongPart.body().at("/errors/0/field").asString()).isEqualTo("name.firstName");

        var unknown = http.post("/rest/people", tokenA, "{\"favouriteColour\": \"blue\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("favouriteColour");
        assertThat(unknown.body().at("/errors/0/rule").asString()).isEqualTo("unknown-field");

        var badStage = http.post("/rest/opportunities", tokenA, "{\"stage\": \"WON\"}");
        assertThat(badStage.status()).isEqualTo(400);
        assertThat(badStage.body().at("/errors/0/field").asString()).isEqualTo("stage");
        assertThat(badStage.body().at("/errors/0/rule").asString()).isEqualTo("option");

        var missingCompany = http.post("/rest/people", tokenA,
                "{\"companyId\": \"" + UUID.randomUUID() + "\"}");
        assertThat(missingCompany.status()).isEqualTo(400);
        assertThat(missingCompany.body().at("/errors/0/field").asString()).isEqualTo("companyId");
    }

    @Test
    void storesSelectCurrencyAndRelationValues() {
        String companyId = http.post("/rest/companies", tokenA, "{\"name\": \"Analytical Engines\"}")
                .body().at("/data/createCompany/id").asString();

        var created = http.post("/rest/opportunities", tokenA, """
                {"name": "Big deal", "stage": "PROPOSAL", "closeDate": "2025-01-31T12:00:00+01:00",
                 "amount": {"amountMicros": 1500000000, "currencyCode": "EUR"}, "companyId": "%s"}"""
                .formatted(companyId));

        assertThat(created.status()).isEqualTo(201);
        JsonNode opportunity = created.body().at("/data/createOpportunity");
        assertThat(opportunity.path("stage").asString()).isEqualTo("PROPOSAL");
        assertThat(opportunity.at("/amount/amountMicros").asLong()).isEqualTo(1_500_000_000L);
        assertThat(opportunity.at("/amount/currencyCode").asString()).isEqualTo("EUR");
        assertThat(opportunity.path("closeDate").asString()).isEqualTo("2025-01-31T11:00:00.000Z");
        assertThat(opportunity.path("companyId").asString()).isEqualTo(companyId);
    }

    @Test
    void storesAndReadsEveryKindOfColumn() {
        String ownerId = createPerson("Pet", "Owner", null);
        var created = http.post("/rest/pets", tokenA, """
                {"name": "Rex", "species": "DOG", "traits": ["CALM", "LOUD"], "tags": ["good boy", "a,b \\"c\\""],
                 "weight": 12.5, "price": 99.99, "vaccinated": true, "birthday": "2020-02-29",
                 "extra": {"chip": {"id": 42}}, "rating": "RATING_4",
                 "website": {"primaryLinkUrl": "https://rex.dog", "secondaryLinks": [{"url": "https://x.y"}]},
                 "home": {"addressCity": "Paris", "addressLat": 48.8566, "addressLng": 2.3522},
                 "ownerId": "%s"}""".formatted(ownerId));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().at("/data/createPet/id").asString();

        JsonNode pet = http.get("/rest/pets/" + id, tokenA).body().at("/data/pet");
        assertThat(pet.path("name").asString()).isEqualTo("Rex");
        assertThat(pet.path("species").asString()).isEqualTo("DOG");
        assertThat(idsOf(pet.path("traits"), node -> node.asString())).containsExactly("CALM", "LOUD");
        assertThat(idsOf(pet.path("tags"), node -> node.asString())).containsExactly("good boy", "a,b \"c\"");
        assertThat(pet.path("weight").asDouble()).isEqualTo(12.5);
        assertThat(pet.path("price").decimalValue()).isEqualByComparingTo("99.99");
        assertThat(pet.path("vaccinated").asBoolean()).isTrue();
        assertThat(pet.path("birthday").asString()).isEqualTo("2020-02-29");
        assertThat(pet.at("/extra/chip/id").asInt()).isEqualTo(42);
        assertThat(pet.path("rating").asString()).isEqualTo("RATING_4");
        assertThat(pet.at("/website/primaryLinkUrl").asString()).isEqualTo("https://rex.dog");
        assertThat(pet.at("/website/secondaryLinks/0/url").asString()).isEqualTo("https://x.y");
        assertThat(pet.at("/home/addressCity").asString()).isEqualTo("Paris");
        assertThat(pet.at("/home/addressLat").asDouble()).isEqualTo(48.8566);
        assertThat(pet.path("ownerId").asString()).isEqualTo(ownerId);

        var cleared = http.patch("/rest/pets/" + id, tokenA, "{\"traits\": [], \"tags\": null, \"species\": null}");
        assertThat(cleared.status()).as(cleared.body().toString()).isEqualTo(200);
        assertThat(cleared.body().at("/data/updatePet/traits").isEmpty()).isTrue();
        assertThat(cleared.body().at("/data/updatePet/tags").isNull()).isTrue();
        assertThat(cleared.body().at("/data/updatePet/species").isNull()).isTrue();

        var badTrait = http.patch("/rest/pets/" + id, tokenA, "{\"traits\": [\"CALM\", \"SHY\"]}");
        assertThat(badTrait.status()).isEqualTo(400);
        assertThat(badTrait.body().at("/errors/0/field").asString()).isEqualTo("traits");
    }

    @Test
    void answersADuplicateUniqueValueWith409() {
        createPerson("First", "Twin", "twin@example.com");

        var duplicate = http.post("/rest/people", tokenA,
                "{\"emails\": {\"primaryEmail\": \"twin@example.com\"}}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("detail").asString()).contains("emails.primaryEmail");
    }

    @Test
    void refusesACallWithoutTokenOrWithoutWorkspace() {
        assertThat(http.get("/rest/people", null).status()).isEqualTo(401);
        assertThat(http.get("/rest/people", "forged").status()).isEqualTo(401);

        var agnostic = http.get("/rest/people", TOKENS.userToken(UUID.randomUUID()));
        assertThat(agnostic.status()).isEqualTo(403);
        assertThat(agnostic.body().path("type").asString()).endsWith("/workspace-token-required");
    }

    @Test
    void answersMalformedJsonWith400NamingTheBody() {
        var response = http.post("/rest/people", tokenA, "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/errors/0/field").asString()).isEqualTo("body");
    }

    @Test
    void aTokenOfAnotherWorkspaceCannotReachTheRecord() {
        String id = createPerson("Private", "Person", null);

        var fromB = http.get("/rest/people/" + id, TOKENS.workspaceToken(WORKSPACE_B));

        assertThat(fromB.status()).isEqualTo(404);
        assertThat(http.patch("/rest/people/" + id, TOKENS.workspaceToken(WORKSPACE_B), "{\"city\": \"Paris\"}")
                .status()).isEqualTo(404);
    }

    @Test
    void routesAuthMetadataAndWebhookCallsUnchanged() {
        var login = http.send("POST", "/auth/login?next=1", "not-a-jwt", "{\"email\": \"a@b.c\"}");

        assertThat(login.status()).isEqualTo(418);
        assertThat(login.raw().headers().firstValue("X-Echo")).hasValue("yes");
        assertThat(login.body().path("method").asString()).isEqualTo("POST");
        assertThat(login.body().path("path").asString()).isEqualTo("/auth/login");
        assertThat(login.body().path("query").asString()).isEqualTo("next=1");
        assertThat(login.body().path("authorization").asString()).isEqualTo("Bearer not-a-jwt");
        assertThat(login.body().path("body").asString()).isEqualTo("{\"email\": \"a@b.c\"}");

        assertThat(http.get("/rest/metadata/fields", tokenA).body().path("path").asString())
                .isEqualTo("/rest/metadata/fields");
        var webhook = http.delete("/rest/webhooks/" + UUID.randomUUID(), tokenA);
        assertThat(webhook.status()).isEqualTo(418);
        assertThat(webhook.body().path("method").asString()).isEqualTo("DELETE");
    }

    @Test
    void dropsTheCachedModelWhenASchemaChangeIsApplied() throws Exception {
        UUID workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        String token = TOKENS.workspaceToken(workspace);
        var before = http.get("/rest/opportunities", token);
        assertThat(before.status()).as(before.body().toString()).isEqualTo(200);
        PLATFORM.deactivate(workspace, "opportunities");
        assertThat(http.get("/rest/opportunities", token).status()).as("served from the cached model").isEqualTo(200);
        await().atMost(PATIENCE).until(() -> listeners.getListenerContainers().stream()
                .allMatch(container -> !container.getAssignedPartitions().isEmpty()));

        KAFKA.send(Topics.SCHEMA_APPLIED, workspace.toString(),
                SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setWorkspaceId(workspace.toString()).setMigrationId(UUID.randomUUID().toString())
                        .setSuccess(true).build().toByteArray());

        await().atMost(PATIENCE).until(() -> http.get("/rest/opportunities", token).status() == 404);
    }

    @Test
    void servesGetAndCreateOverGrpc() {
        ManagedChannel channel = InProcessChannelBuilder.forName(GRPC_SERVER).directExecutor().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + tokenA);
            var records = RecordServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

            Record created = records.create(CreateRecordRequest.newBuilder().setObject("people")
                    .setData(Struct.newBuilder().putFields("name", Value.newBuilder().setStructValue(Struct.newBuilder()
                            .putFields("firstName", Value.newBuilder().setStringValue("Alan").build())).build()))
                    .build());
            assertThat(created.getObject()).isEqualTo("people");
            assertThat(created.getFields().getFieldsOrThrow("name").getStructValue().getFieldsOrThrow("firstName")
                    .getStringValue()).isEqualTo("Alan");

            Record read = records.get(GetRecordRequest.newBuilder().setObject("people").setId(created.getId()).build());
            assertThat(read.getId()).isEqualTo(created.getId());
            assertThat(http.get("/rest/people/" + created.getId(), tokenA).status()).isEqualTo(200);
            awaitRecordChanged(created.getId(), RecordAction.RECORD_ACTION_CREATED);

            assertThatThrownBy(() -> records.create(CreateRecordRequest.newBuilder().setObject("people")
                    .setData(Struct.newBuilder().putFields("jobTitle", Value.newBuilder().setNumberValue(1).build()))
                    .build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).contains("jobTitle");
                    });
            assertThatThrownBy(() -> records.get(GetRecordRequest.newBuilder().setObject("people")
                    .setId(UUID.randomUUID().toString()).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
            assertThatThrownBy(() -> RecordServiceGrpc.newBlockingStub(channel).get(GetRecordRequest.newBuilder()
                    .setObject("people").setId(created.getId()).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    private static ConsumerRecord<String, RecordChanged> awaitRecordChanged(String recordId, RecordAction action) {
        return KAFKA.awaitRecord(Topics.RECORD_CHANGES, RecordChanged::parseFrom,
                event -> event.getRecordId().equals(recordId) && event.getAction() == action);
    }

    private String createPerson(String firstName, String lastName, String email) {
        String emails = email == null ? "" : ", \"emails\": {\"primaryEmail\": \"" + email + "\"}";
        var created = http.post("/rest/people", tokenA, "{\"name\": {\"firstName\": \"" + firstName
                + "\", \"lastName\": \"" + lastName + "\"}" + emails + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().at("/data/createPerson/id").asString();
    }

    private static List<String> idsOf(JsonNode records) {
        return idsOf(records, record -> record.path("id").asString());
    }

    private static List<String> idsOf(JsonNode array, java.util.function.Function<JsonNode, String> value) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(value.apply(element)));
        return values;
    }

    private static String table(UUID workspace, String table) {
        return "\"" + WorkspaceSchemaName.of(workspace) + "\".\"" + table + "\"";
    }
}
