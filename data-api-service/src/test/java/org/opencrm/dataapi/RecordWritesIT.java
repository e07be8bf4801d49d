package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.opencrm.proto.records.v1.RecordAction;
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

/** The write path beyond single records: batches, upsert, restore, many-record deletes, merge, duplicates, timeline. */
@SpringBootTest(classes = DataApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + DataApiApplication.CONFIG_NAME)
class RecordWritesIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final PlatformStub PLATFORM = PlatformStub.on(AUTH);
    private static final KafkaTestClient KAFKA = KafkaTestClient.connect(Topics.RECORD_CHANGES);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
        registry.add("crm.dataapi.routes.auth-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.metadata-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.webhook-url", AUTH::baseUrl);
        registry.add("crm.dataapi.timeline.group-id", () -> "timeline-it-" + UUID.randomUUID());
        registry.add("spring.grpc.server.inprocess.name", () -> "data-api-writes-it-" + UUID.randomUUID());
        registry.add("spring.grpc.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    UUID workspace;
    String token;

    @AfterAll
    static void stop() {
        KAFKA.close();
        AUTH.close();
    }

    /** A fresh workspace per test, so counts and duplicates see only the test's own records. */
    @BeforeEach
    void workspace() {
        workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        token = TOKENS.workspaceToken(workspace);
        http = new TestHttp(port);
    }

    @Test
    void batchCreatesEveryRecordInOneCallInTwentysEnvelope() {
        String single = createPerson("First", "Alone", null);

        var created = http.post("/rest/batch/people", token, """
                [{"name": {"firstName": "Ada", "lastName": "Lovelace"}, "emails": {"primaryEmail": "ada@example.com"}},
                 {"name": {"firstName": "Grace", "lastName": "Hopper"}, "jobTitle": "Admiral"},
                 {"name": {"firstName": "Alan"}, "position": 0.5}]""");

        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        JsonNode people = created.body().at("/data/createPeople");
        assertThat(people.size()).isEqualTo(3);
        assertThat(people.get(0).at("/emails/primaryEmail").asString()).isEqualTo("ada@example.com");
        assertThat(people.get(1).path("jobTitle").asString()).isEqualTo("Admiral");
        assertThat(people.get(2).path("position").asDouble()).isEqualTo(0.5);
        assertThat(count("person")).isEqualTo(4);
        var list = http.get("/rest/people", token);
        assertThat(idsOf(list.body().at("/data/people"))).containsExactly(people.get(2).path("id").asString(),
                single, people.get(0).path("id").asString(), people.get(1).path("id").asString());
        for (JsonNode person : people) {
            var event = awaitEvent(person.path("id").asString(), RecordAction.RECORD_ACTION_CREATED);
            assertThat(event.value().hasBefore()).isFalse();
            assertThat(event.value().getAfter().getFieldsOrThrow("id").getStringValue())
                    .isEqualTo(person.path("id").asString());
        }
    }

    @Test
    void aBatchWithOneBadRecordWritesNothingAndNamesItsIndexAndField() {
        var badEmail = http.post("/rest/batch/people", token, """
                [{"name": {"firstName": "Good"}},
                 {"name": {"firstName": "Bad"}, "emails": {"primaryEmail": "not-an-email"}}]""");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.body().at("/errors/0/field").asString()).isEqualTo("[1].emails.primaryEmail");
        assertThat(badEmail.body().at("/errors/0/rule").asString()).isEqualTo("email");

        var missingCompany = http.post("/rest/batch/people", token, """
                [{"name": {"firstName": "Good"}}, {"name": {"firstName": "Also good"}},
                 {"name": {"firstName": "Orphan"}, "companyId": "%s"}]""".formatted(UUID.randomUUID()));
        assertThat(missingCompany.status()).as(missingCompany.body().toString()).isEqualTo(400);
        assertThat(missingCompany.body().at("/errors/0/field").asString()).isEqualTo("[2].companyId");
        assertThat(missingCompany.body().at("/errors/0/rule").asString()).isEqualTo("reference");

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 61; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"name\": {\"firstName\": \"P").append(i).append("\"}}");
        }
        var overLimit = http.post("/rest/batch/people", token, tooMany.append("]").toString());
        assertThat(overLimit.status()).isEqualTo(400);
        assertThat(overLimit.body().at("/errors/0/rule").asString()).isEqualTo("max-records");

        var notAnArray = http.post("/rest/batch/people", token, "{\"name\": {\"firstName\": \"One\"}}");
        assertThat(notAnArray.status()).isEqualTo(400);
        assertThat(count("person")).isZero();
    }

    @Test
    void upsertOnAUniqueFieldInsertsThenUpdates() {
        var inserted = http.post("/rest/people?upsert=true", token, """
                {"name": {"firstName": "Ada"}, "emails": {"primaryEmail": "ada@example.com"}, "jobTitle": "Analyst"}""");
        assertThat(inserted.status()).as(inserted.body().toString()).isEqualTo(201);
        String id = inserted.body().at("/data/createPerson/id").asString();

        var updated = http.post("/rest/people?upsert=true", token, """
                {"emails": {"primaryEmail": "ada@example.com"}, "jobTitle": "Countess"}""");

        assertThat(updated.status()).isEqualTo(201);
        assertThat(updated.body().at("/data/createPerson/id").asString()).isEqualTo(id);
        assertThat(updated.body().at("/data/createPerson/jobTitle").asString()).isEqualTo("Countess");
        assertThat(updated.body().at("/data/createPerson/name/firstName").asString()).isEqualTo("Ada");
        assertThat(count("person")).isEqualTo(1);
        var event = awaitEvent(id, RecordAction.RECORD_ACTION_UPDATED);
        assertThat(event.value().getBefore().getFieldsOrThrow("jobTitle").getStringValue()).isEqualTo("Analyst");
        assertThat(event.value().getAfter().getFieldsOrThrow("jobTitle").getStringValue()).isEqualTo("Countess");
        assertThat(event.value().getUpdatedFieldsList()).containsExactlyInAnyOrder("emails", "jobTitle");

        var byId = http.post("/rest/people?upsert=true", token, "{\"id\": \"" + id + "\", \"city\": \"London\"}");
        assertThat(byId.body().at("/data/createPerson/city").asString()).isEqualTo("London");
        assertThat(count("person")).isEqualTo(1);

        var batch = http.post("/rest/batch/people?upsert=true", token, """
                [{"emails": {"primaryEmail": "ada@example.com"}, "jobTitle": "Poet"},
                 {"emails": {"primaryEmail": "new@example.com"}}]""");
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(201);
        assertThat(batch.body().at("/data/createPeople/0/id").asString()).isEqualTo(id);
        assertThat(count("person")).isEqualTo(2);
    }

    @Test
    void restoreBringsBackASoftDeletedRecordWithItsRelations() {
        String companyId = create("companies", "createCompany", "{\"name\": \"Engines\"}");
        String personId = create("people", "createPerson",
                "{\"name\": {\"firstName\": \"Ada\"}, \"companyId\": \"" + companyId + "\"}");

        await().atMost(PATIENCE).until(() -> companyTimeline(companyId).size() == 1);

        assertThat(http.delete("/rest/companies/" + companyId + "?soft_delete=true", token).status()).isEqualTo(200);
        assertThat(http.get("/rest/companies/" + companyId, token).status()).isEqualTo(404);
        assertThat(companyTimeline(companyId)).as("cascading relations are soft-deleted with the company")
                .containsExactly(true);

        var restored = http.patch("/rest/restore/companies/" + companyId, token, null);

        assertThat(restored.status()).as(restored.body().toString()).isEqualTo(200);
        assertThat(restored.body().at("/data/restoreCompany/id").asString()).isEqualTo(companyId);
        assertThat(restored.body().at("/data/restoreCompany/deletedAt").isNull()).isTrue();
        assertThat(http.get("/rest/companies/" + companyId, token).status()).isEqualTo(200);
        assertThat(http.get("/rest/people/" + personId, token).body().at("/data/person/companyId").asString())
                .isEqualTo(companyId);
        assertThat(companyTimeline(companyId).getFirst()).as("restored with the company").isFalse();
        var event = awaitEvent(companyId, RecordAction.RECORD_ACTION_RESTORED);
        assertThat(event.value().getBefore().getFieldsOrThrow("deletedAt").hasStringValue()).isTrue();
        assertThat(event.value().getAfter().getFieldsOrThrow("deletedAt").hasNullValue()).isTrue();
        assertThat(event.value().getUpdatedFieldsList()).containsExactly("deletedAt");

        assertThat(http.patch("/rest/restore/companies/" + companyId, token, null).status()).isEqualTo(404);
    }

    @Test
    void softDeletesRestoresAndDestroysManyByIds() {
        String a = createPerson("A", "One", null);
        String b = createPerson("B", "Two", null);
        String c = createPerson("C", "Three", null);
        String filter = "filter=id%5Bin%5D:%5B" + a + "," + b + "%5D";

        var softDeleted = http.delete("/rest/people?soft_delete=true&" + filter, token);
        assertThat(softDeleted.status()).as(softDeleted.body().toString()).isEqualTo(200);
        assertThat(idsOf(softDeleted.body().at("/data/deletePeople"))).containsExactlyInAnyOrder(a, b);
        assertThat(http.get("/rest/people", token).body().path("totalCount").asLong()).isEqualTo(1);
        var deletedEvent = awaitEvent(a, RecordAction.RECORD_ACTION_DELETED);
        assertThat(deletedEvent.value().getUpdatedFieldsList()).containsExactly("deletedAt");

        var restored = http.patch("/rest/people/restore?" + filter, token, null);
        assertThat(idsOf(restored.body().at("/data/restorePeople"))).containsExactlyInAnyOrder(a, b);
        assertThat(http.get("/rest/people", token).body().path("totalCount").asLong()).isEqualTo(3);

        var destroyed = http.delete("/rest/people?" + filter, token);
        assertThat(idsOf(destroyed.body().at("/data/deletePeople"))).containsExactlyInAnyOrder(a, b);
        assertThat(count("person")).isEqualTo(1);
        assertThat(http.get("/rest/people/" + c, token).status()).isEqualTo(200);
        awaitEvent(b, RecordAction.RECORD_ACTION_DESTROYED);

        var noFilter = http.delete("/rest/people", token);
        assertThat(noFilter.status()).isEqualTo(400);
        assertThat(noFilter.body().at("/errors/0/field").asString()).isEqualTo("filter");
        assertThat(count("person")).isEqualTo(1);
    }

    @Test
    void updatesAndDeletesManyByAnyFilterOfTheListGrammar() {
        String a = createPerson("Ann", "Smith", null);
        String b = createPerson("Bob", "Smith", null);
        String c = createPerson("Cid", "Jones", null);
        String smiths = "filter=" + java.net.URLEncoder.encode("name.lastName[eq]:\"Smith\"",
                java.nio.charset.StandardCharsets.UTF_8);

        var updated = http.patch("/rest/people?" + smiths, token, "{\"jobTitle\": \"Smith\"}");
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
        assertThat(idsOf(updated.body().at("/data/updatePeople"))).containsExactlyInAnyOrder(a, b);
        assertThat(http.get("/rest/people/" + c, token).body().at("/data/person/jobTitle").asString()).isEmpty();
        awaitEvent(b, RecordAction.RECORD_ACTION_UPDATED);

        var badValue = http.patch("/rest/people?" + smiths, token, "{\"emails\": {\"primaryEmail\": \"x\"}}");
        assertThat(badValue.status()).isEqualTo(400);
        var unknownField = http.delete("/rest/people?filter=shoeSize%5Bgt%5D:3", token);
        assertThat(unknownField.status()).isEqualTo(400);

        var deleted = http.delete("/rest/people?soft_delete=true&" + smiths, token);
        assertThat(idsOf(deleted.body().at("/data/deletePeople"))).containsExactlyInAnyOrder(a, b);
        assertThat(http.get("/rest/people", token).body().path("totalCount").asLong()).isEqualTo(1);
    }

    @Test
    void mergeKeepsTheChosenValuesAndMovesRelations() {
        String first = create("people", "createPerson", """
                {"name": {"firstName": "Ada", "lastName": "Lovelace"}, "emails": {"primaryEmail": "ada@one.org"},
                 "city": "London"}""");
        String second = create("people", "createPerson", """
                {"name": {"firstName": "Ada", "lastName": "King"}, "emails": {"primaryEmail": "ada@two.org"},
                 "jobTitle": "Countess"}""");
        String opportunity = create("opportunities", "createOpportunity",
                "{\"name\": \"Engine\", \"pointOfContactId\": \"" + first + "\"}");
        String pet = create("pets", "createPet", "{\"name\": \"Rex\", \"ownerId\": \"" + first + "\"}");
        String body = "{\"ids\": [\"" + first + "\", \"" + second + "\"], \"conflictPriorityIndex\": 1%s}";

        var dryRun = http.patch("/rest/people/merge", token, body.formatted(", \"dryRun\": true"));
        assertThat(dryRun.status()).as(dryRun.body().toString()).isEqualTo(200);
        assertThat(dryRun.body().at("/data/mergePerson/city").asString()).isEqualTo("London");
        assertThat(http.get("/rest/people/" + first, token).status()).isEqualTo(200);
        assertThat(http.get("/rest/people/" + second, token).body().at("/data/person/city").asString()).isEmpty();

        var merged = http.patch("/rest/people/merge", token, body.formatted(""));

        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(200);
        JsonNode kept = merged.body().at("/data/mergePerson");
        assertThat(kept.path("id").asString()).isEqualTo(second);
        assertThat(kept.at("/name/lastName").asString()).isEqualTo("King");
        assertThat(kept.path("jobTitle").asString()).isEqualTo("Countess");
        assertThat(kept.path("city").asString()).isEqualTo("London");
        assertThat(kept.at("/emails/primaryEmail").asString()).isEqualTo("ada@two.org");
        assertThat(idsOf(kept.at("/emails/additionalEmails"), JsonNode::asString)).containsExactly("ada@one.org");
        assertThat(http.get("/rest/people/" + first, token).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT \"deletedAt\" IS NOT NULL FROM " + table("person")
                + " WHERE id = ?::uuid", Boolean.class, first)).isTrue();
        assertThat(http.get("/rest/opportunities/" + opportunity, token).body()
                .at("/data/opportunity/pointOfContactId").asString()).isEqualTo(second);
        assertThat(http.get("/rest/pets/" + pet, token).body().at("/data/pet/ownerId").asString()).isEqualTo(second);
        var moved = awaitEvent(pet, RecordAction.RECORD_ACTION_UPDATED);
        assertThat(moved.value().getBefore().getFieldsOrThrow("ownerId").getStringValue()).isEqualTo(first);
        assertThat(moved.value().getAfter().getFieldsOrThrow("ownerId").getStringValue()).isEqualTo(second);

        var badIndex = http.patch("/rest/people/merge", token,
                "{\"ids\": [\"" + second + "\", \"" + UUID.randomUUID() + "\"], \"conflictPriorityIndex\": 2}");
        assertThat(badIndex.status()).isEqualTo(400);
        assertThat(badIndex.body().at("/errors/0/field").asString()).isEqualTo("conflictPriorityIndex");
    }

    @Test
    void findsDuplicatesByTwentysCriteria() {
        String ada = createPerson("Ada", "Lovelace", "ada@example.com");
        String sameName = createPerson("Ada", "Lovelace", null);
        createPerson("Augusta", "King", "other@example.com");
        String grace = createPerson("Grace", "Hopper", "grace@example.com");

        var byData = http.post("/rest/people/duplicates", token, """
                {"data": [{"name": {"firstName": "Ada", "lastName": "Lovelace"}},
                          {"emails": {"primaryEmail": "grace@example.com"}},
                          {"name": {"firstName": "Nobody"}}]}""");
        assertThat(byData.status()).as(byData.body().toString()).isEqualTo(200);
        assertThat(idsOf(byData.body().at("/data/0/personDuplicates"))).containsExactlyInAnyOrder(ada, sameName);
        assertThat(byData.body().at("/data/0/totalCount").asInt()).isEqualTo(2);
        assertThat(idsOf(byData.body().at("/data/1/personDuplicates"))).containsExactly(grace);
        assertThat(byData.body().at("/data/2/personDuplicates").size()).isZero();

        var byIds = http.post("/rest/people/duplicates", token, "{\"ids\": [\"" + ada + "\"]}");
        assertThat(idsOf(byIds.body().at("/data/0/personDuplicates"))).containsExactly(sameName);

        String domain = create("companies", "createCompany",
                "{\"name\": \"Acme\", \"domainName\": {\"primaryLinkUrl\": \"acme.com\"}}");
        var companies = http.post("/rest/companies/duplicates", token,
                "{\"data\": [{\"name\": \"Other\", \"domainName\": {\"primaryLinkUrl\": \"acme.com\"}}]}");
        assertThat(idsOf(companies.body().at("/data/0/companyDuplicates"))).containsExactly(domain);

        var neither = http.post("/rest/people/duplicates", token, "{}");
        assertThat(neither.status()).isEqualTo(400);
    }

    @Test
    void validatesEveryValueAgainstItsFieldNamingTheFieldAndTheRule() {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("people|{\"emails\": {\"primaryEmail\": \"ada@\"}}", new String[] {"emails.primaryEmail", "email"});
        cases.put("people|{\"emails\": {\"additionalEmails\": [\"ok@x.org\", \"nope\"]}}",
                new String[] {"emails.additionalEmails[1]", "email"});
        cases.put("people|{\"linkedinLink\": {\"primaryLinkUrl\": \"not a url\"}}",
                new String[] {"linkedinLink.primaryLinkUrl", "url"});
        cases.put("people|{\"phones\": {\"primaryPhoneNumber\": \"call me\"}}",
                new String[] {"phones.primaryPhoneNumber", "phone"});
        cases.put("people|{\"phones\": {\"primaryPhoneCountryCode\": \"XX\"}}",
                new String[] {"phones.primaryPhoneCountryCode", "country-code"});
        cases.put("people|{\"phones\": {\"primaryPhoneCallingCode\": \"33\"}}",
                new String[] {"phones.primaryPhoneCallingCode", "calling-code"});
        cases.put("opportunities|{\"amount\": {\"amountMicros\": 1000000, \"currencyCode\": \"EURO\"}}",
                new String[] {"amount.currencyCode", "currency-code"});
        cases.put("opportunities|{\"amount\": {\"amountMicros\": 1.5}}", new String[] {"amount.amountMicros",
                "whole-number"});
        cases.put("opportunities|{\"stage\": \"WON\"}", new String[] {"stage", "option"});
        cases.put("opportunities|{\"closeDate\": \"2024-13-01T00:00:00Z\"}", new String[] {"closeDate", "type"});
        cases.put("pets|{\"rating\": \"RATING_6\"}", new String[] {"rating", "option"});
        cases.put("pets|{\"traits\": [\"CALM\", \"SHY\"]}", new String[] {"traits", "option"});
        cases.put("pets|{\"birthday\": \"29/02/2020\"}", new String[] {"birthday", "type"});
        cases.put("pets|{\"weight\": \"heavy\"}", new String[] {"weight", "type"});
        cases.put("pets|{\"home\": {\"addressLat\": 91}}", new String[] {"home.addressLat", "range"});
        cases.put("pets|{\"ownerId\": \"not-a-uuid\"}", new String[] {"ownerId", "type"});
        cases.put("pets|{\"ownerId\": \"" + UUID.randomUUID() + "\"}", new String[] {"ownerId", "reference"});
        cases.put("pets|{\"colour\": \"brown\"}", new String[] {"colour", "unknown-field"});
        cases.forEach((request, expected) -> {
            String[] parts = request.split("\\|", 2);
            var response = http.post("/rest/" + parts[0], token, parts[1]);
            assertThat(response.status()).as(request + " -> " + response.body()).isEqualTo(400);
            assertThat(response.body().at("/errors/0/field").asString()).as(request).isEqualTo(expected[0]);
            assertThat(response.body().at("/errors/0/rule").asString()).as(request).isEqualTo(expected[1]);
            assertThat(response.body().toString()).doesNotContainIgnoringCase("sql").doesNotContain("Exception");
        });
        assertThat(count("person") + count("opportunity") + count("_pet")).isZero();

        var valid = http.post("/rest/people", token, """
                {"emails": {"primaryEmail": "ada@example.com", "additionalEmails": ["a@b.co"]},
                 "linkedinLink": {"primaryLinkUrl": "linkedin.com/in/ada"},
                 "phones": {"primaryPhoneNumber": "06 12 34 56 78", "primaryPhoneCountryCode": "FR",
                            "primaryPhoneCallingCode": "+33"}}""");
        assertThat(valid.status()).as(valid.body().toString()).isEqualTo(201);
    }

    @Test
    void writesTimelineActivitiesAsTwentyDoes() {
        String id = createPerson("Ada", "Lovelace", null);
        http.patch("/rest/people/" + id, token, "{\"jobTitle\": \"Countess\"}");
        http.delete("/rest/people/" + id + "?soft_delete=true", token);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(timeline(id)).hasSize(3));
        List<Map<String, Object>> rows = timeline(id);
        assertThat(rows).extracting(row -> row.get("name"))
                .containsExactly("person.created", "person.updated", "person.deleted");
        Map<String, Object> created = rows.getFirst();
        assertThat(created.get("targetPersonId").toString()).isEqualTo(id);
        assertThat(created.get("linkedRecordCachedName")).isEqualTo("Ada Lovelace");
        assertThat(created.get("linkedObjectMetadataId")).isNotNull();
        assertThat(JSON.readTree(created.get("properties").toString()).at("/after/id").asString()).isEqualTo(id);
        JsonNode diff = JSON.readTree(rows.get(1).get("properties").toString()).path("diff");
        assertThat(diff.at("/jobTitle/before").asString()).isEmpty();
        assertThat(diff.at("/jobTitle/after").asString()).isEqualTo("Countess");
        assertThat(JSON.readTree(rows.get(2).get("properties").toString()).at("/before/id").asString()).isEqualTo(id);

        UUID withoutTimeline = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, withoutTimeline);
        jdbc.execute("DROP TABLE \"" + WorkspaceSchemaName.of(withoutTimeline) + "\".\"timelineActivity\"");
        var skipped = http.post("/rest/people", TOKENS.workspaceToken(withoutTimeline),
                "{\"name\": {\"firstName\": \"No\", \"lastName\": \"Timeline\"}}");
        assertThat(skipped.status()).isEqualTo(201);
        String after = createPerson("Later", "Person", null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(timeline(after)).hasSize(1));
    }

    @Test
    void writesOneActivityPerEventOfABatchAlsoWhenTheEventsComeAgain() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\": {\"firstName\": \"Batch\", \"lastName\": \"P")
                    .append(i).append("\"}}");
        }
        var created = http.post("/rest/batch/people", token, body.append(']').toString());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        List<String> ids = idsOf(created.body().at("/data/createPeople"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids).allSatisfy(id ->
                assertThat(timeline(id)).extracting(row -> row.get("name")).containsExactly("person.created")));

        // The same 25 events again, as a redelivery brings them, then a new record's event after them.
        for (String id : ids) {
            var event = awaitEvent(id, RecordAction.RECORD_ACTION_CREATED);
            KAFKA.send(Topics.RECORD_CHANGES, event.key(), event.value().toByteArray());
        }
        String later = createPerson("After", "Redelivery", null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(timeline(later)).hasSize(1));
        assertThat(ids).allSatisfy(id -> assertThat(timeline(id)).hasSize(1));
    }

    /** Whether each {@code company.created} activity of the company is soft-deleted. */
    private List<Boolean> companyTimeline(String companyId) {
        return jdbc.queryForList("SELECT \"deletedAt\" IS NOT NULL FROM " + table("timelineActivity")
                + " WHERE \"targetCompanyId\" = ?::uuid AND name = 'company.created'", Boolean.class, companyId);
    }

    private List<Map<String, Object>> timeline(String recordId) {
        return jdbc.queryForList("SELECT name, \"targetPersonId\", \"linkedRecordId\", \"linkedRecordCachedName\", "
                + "\"linkedObjectMetadataId\", properties::text AS properties FROM " + table("timelineActivity")
                + " WHERE \"linkedRecordId\" = ?::uuid ORDER BY \"happensAt\"", recordId);
    }

    private ConsumerRecord<String, RecordChanged> awaitEvent(String recordId, RecordAction action) {
        return KAFKA.awaitRecord(Topics.RECORD_CHANGES, RecordChanged::parseFrom,
                event -> event.getRecordId().equals(recordId) && event.getAction() == action);
    }

    private String create(String plural, String envelope, String json) {
        var created = http.post("/rest/" + plural, token, json);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().at("/data/" + envelope + "/id").asString();
    }

    private String createPerson(String firstName, String lastName, String email) {
        String emails = email == null ? "" : ", \"emails\": {\"primaryEmail\": \"" + email + "\"}";
        return create("people", "createPerson", "{\"name\": {\"firstName\": \"" + firstName
                + "\", \"lastName\": \"" + lastName + "\"}" + emails + "}");
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table(table), Long.class);
    }

    private String table(String table) {
        return "\"" + WorkspaceSchemaName.of(workspace) + "\".\"" + table + "\"";
    }

    private static List<String> idsOf(JsonNode records) {
        return idsOf(records, record -> record.path("id").asString());
    }

    private static List<String> idsOf(JsonNode array, java.util.function.Function<JsonNode, String> value) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(value.apply(element)));
        return values;
    }
}
