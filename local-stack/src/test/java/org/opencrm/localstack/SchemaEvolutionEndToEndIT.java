package org.opencrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Schema evolution with data present, through the metadata API with the real migration-worker, read back through
 * the data API: renames keep every value, option changes rewrite the rows that held them, type changes convert or
 * are refused, a failed change leaves metadata as it was, and reconcile finds and repairs drift.
 */
class SchemaEvolutionEndToEndIT {

    private static final int ROWS = 30;

    private static LocalPlatform platform;
    private static TestWorkspace workspace;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.start(LocalStackSettings.forTests(Map.of()));
        workspace = TestWorkspace.create(new PlatformClient(platform.gatewayUrl()), "Evolution Inc");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void renamesAFieldKeepingEveryValue() {
        String objectId = createObject("lead", "leads");
        String fieldId = createField(objectId, Map.of("name", "source", "label", "Source", "type", "TEXT"));
        List<String> ids = insert("leads", i -> Map.of("source", "web-" + i));

        applied(workspace.patch("/rest/metadata/fields/" + fieldId, Map.of("name", "origin", "label", "Origin")),
                "updateOneField", "/rest/metadata/fields/" + fieldId);

        assertValues("leads", ids, record -> record.path("origin").asString(),
                java.util.stream.IntStream.range(0, ROWS).mapToObj(i -> "web-" + i).toList());
        assertThat(workspace.post("/rest/leads", Map.of("source", "x")).status()).as("old name is gone").isEqualTo(400);
    }

    @Test
    void renamingAndRemovingSelectOptionsRewritesTheRowsThatHeldThem() {
        String objectId = createObject("ticket", "tickets");
        String fieldId = createField(objectId, Map.of("name", "priority", "label", "Priority", "type", "SELECT",
                "options", List.of(option("LOW", 0), option("MEDIUM", 1), option("HIGH", 2))));
        String[] cycle = {"LOW", "MEDIUM", "HIGH"};
        List<String> ids = insert("tickets", i -> Map.of("priority", cycle[i % 3]));

        JsonNode options = workspace.get("/rest/metadata/fields/" + fieldId).orThrow()
                .path("data").path("field").path("options");
        List<Map<String, Object>> changed = new ArrayList<>();
        for (JsonNode option : options) {
            String value = option.path("value").asString();
            if (value.equals("HIGH")) {
                continue; // removed
            }
            Map<String, Object> kept = new LinkedHashMap<>();
            kept.put("id", option.path("id").asString());
            kept.put("value", value.equals("MEDIUM") ? "NORMAL" : value);
            kept.put("label", value.equals("MEDIUM") ? "Normal" : option.path("label").asString());
            kept.put("color", option.path("color").asString());
            kept.put("position", option.path("position").asInt());
            changed.add(kept);
        }
        applied(workspace.patch("/rest/metadata/fields/" + fieldId, Map.of("options", changed)),
                "updateOneField", "/rest/metadata/fields/" + fieldId);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            expected.add(switch (cycle[i % 3]) {
                case "LOW" -> "LOW";
                case "MEDIUM" -> "NORMAL";
                default -> null;
            });
        }
        assertValues("tickets", ids, record ->
                record.path("priority").isNull() ? null : record.path("priority").asString(), expected);
    }

    @Test
    void convertsNumberToNumericAndRefusesAnUnsafeTypeChange() {
        String objectId = createObject("invoice", "invoices");
        String amountId = createField(objectId, Map.of("name", "total", "label", "Total", "type", "NUMBER"));
        String paidId = createField(objectId, Map.of("name", "paid", "label", "Paid", "type", "BOOLEAN"));
        List<String> ids = insert("invoices", i -> Map.of("total", i + 0.25, "paid", i % 2 == 0));

        applied(workspace.patch("/rest/metadata/fields/" + amountId, Map.of("type", "NUMERIC")),
                "updateOneField", "/rest/metadata/fields/" + amountId);
        assertValues("invoices", ids,
                record -> record.path("total").decimalValue().stripTrailingZeros().toPlainString(),
                java.util.stream.IntStream.range(0, ROWS)
                        .mapToObj(i -> java.math.BigDecimal.valueOf(i + 0.25).stripTrailingZeros().toPlainString())
                        .toList());

        PlatformClient.Response refused = workspace.patch("/rest/metadata/fields/" + paidId, Map.of("type", "DATE"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("unsafe-type-change");
        assertThat(workspace.get("/rest/metadata/fields/" + paidId).orThrow().path("data").path("field")
                .path("type").asString()).isEqualTo("BOOLEAN");
    }

    @Test
    void aConversionTheDataDoesNotAllowFailsWholeAndLeavesMetadataAsItWas() {
        String objectId = createObject("contract", "contracts");
        String fieldId = createField(objectId, Map.of("name", "state", "label", "State", "type", "TEXT"));
        insert("contracts", i -> Map.of("state", i == 7 ? "UNKNOWN" : "OPEN"));

        JsonNode change = workspace.patch("/rest/metadata/fields/" + fieldId, Map.of(
                        "name", "status", "type", "SELECT", "options", List.of(option("OPEN", 0), option("CLOSED", 1))))
                .orThrow().path("data").path("updateOneField");
        JsonNode migration = workspace.awaitMigration(change.path("migrationId").asString());
        assertThat(migration.path("status").asString()).isEqualTo("FAILED");
        assertThat(migration.path("error").asString()).isNotBlank().doesNotContainIgnoringCase("ERROR:");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode field = workspace.get("/rest/metadata/fields/" + fieldId).orThrow().path("data").path("field");
            assertThat(field.path("name").asString()).isEqualTo("state");
            assertThat(field.path("type").asString()).isEqualTo("TEXT");
        });
        assertThat(workspace.get("/rest/contracts?limit=60").orThrow().path("data").path("contracts").size())
                .isEqualTo(ROWS);
    }

    @Test
    void renamesAnObjectKeepingItsRecords() {
        String objectId = createObject("gadget", "gadgets");
        List<String> ids = insert("gadgets", i -> Map.of("name", "g" + i));

        applied(workspace.patch("/rest/metadata/objects/" + objectId, Map.of(
                        "nameSingular", "widget", "namePlural", "widgets", "labelSingular", "Widget",
                        "labelPlural", "Widgets")),
                "updateOneObject", "/rest/metadata/objects/" + objectId);

        assertValues("widgets", ids, record -> record.path("name").asString(),
                java.util.stream.IntStream.range(0, ROWS).mapToObj(i -> "g" + i).toList());
    }

    @Test
    void deletesADeactivatedFieldAndItsColumn() throws SQLException {
        String objectId = createObject("asset", "assets");
        String fieldId = createField(objectId, Map.of("name", "serial", "label", "Serial", "type", "TEXT"));
        insert("assets", i -> Map.of("serial", "s" + i));

        assertThat(workspace.delete("/rest/metadata/fields/" + fieldId).status()).as("must be inactive first")
                .isEqualTo(400);
        workspace.patch("/rest/metadata/fields/" + fieldId, Map.of("isActive", false)).orThrow();
        JsonNode deleted = workspace.delete("/rest/metadata/fields/" + fieldId).orThrow()
                .path("data").path("deleteOneField");
        assertThat(workspace.awaitMigration(deleted.path("migrationId").asString()).path("status").asString())
                .isEqualTo("APPLIED");
        assertThat(columnExists("_asset", "serial")).isFalse();
        assertThat(workspace.get("/rest/metadata/fields/" + fieldId).status()).isEqualTo(404);
    }

    @Test
    void aFieldCreatedUniqueRefusesADuplicateAmongLiveRecordsOnly() throws SQLException {
        String objectId = createObject("badge", "badges");
        createField(objectId, Map.of("name", "code", "label", "Code", "type", "TEXT", "isUnique", true));

        assertThat(indexDefinitions("_badge")).anySatisfy(index -> assertThat(index)
                .startsWith("CREATE UNIQUE INDEX").contains("(code)").contains("WHERE").contains("\"deletedAt\" IS NULL"));
        String first = insert("badges", i -> Map.of("code", "B-" + i)).getFirst();
        PlatformClient.Response duplicate = workspace.post("/rest/badges", Map.of("code", "B-0"));
        assertThat(duplicate.status()).as(duplicate.body().toString()).isEqualTo(409);

        assertThat(workspace.delete("/rest/badges/" + first + "?soft_delete=true").status()).isEqualTo(200);
        assertThat(workspace.post("/rest/badges", Map.of("code", "B-0")).status())
                .as("a soft-deleted record does not hold its value").isEqualTo(201);
        assertThat(workspace.post("/rest/metadata/fields", Map.of("objectMetadataId", objectId, "name", "owner",
                "label", "Notes", "type", "RICH_TEXT_V2", "isUnique", true)).status()).isEqualTo(400);
    }

    @Test
    void keepsTheDisplaySettingsOfAFieldAndRefusesOnesItsTypeDoesNotTake() {
        String objectId = createObject("meter", "meters");
        String fieldId = createField(objectId, Map.of("name", "reading", "label", "Reading", "type", "NUMBER",
                "settings", Map.of("decimals", 2, "type", "percentage")));
        JsonNode field = workspace.get("/rest/metadata/fields/" + fieldId).orThrow().path("data").path("field");
        assertThat(field.at("/settings/decimals").asInt()).as(field.toString()).isEqualTo(2);
        assertThat(field.at("/settings/type").asString()).isEqualTo("percentage");

        PlatformClient.Response bad = workspace.patch("/rest/metadata/fields/" + fieldId,
                Map.of("settings", Map.of("displayFormat", "RELATIVE")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().toString()).contains("settings.displayFormat");
        workspace.patch("/rest/metadata/fields/" + fieldId, Map.of("settings", Map.of("decimals", 0))).orThrow();
        field = workspace.get("/rest/metadata/fields/" + fieldId).orThrow().path("data").path("field");
        assertThat(field.path("settings").toString()).isEqualTo("{\"decimals\":0}");
    }

    @Test
    void aClientWaitsForAMigrationInOneRequest() {
        String objectId = createObject("gauge", "gauges");
        String migrationId = workspace.post("/rest/metadata/fields", Map.of("objectMetadataId", objectId,
                        "name", "level", "label", "Level", "type", "NUMBER"))
                .orThrow().path("data").path("createOneField").path("migrationId").asString();

        JsonNode migration = workspace.get("/rest/metadata/migrations/" + migrationId + "?waitSeconds=20").orThrow()
                .path("data").path("migration");

        assertThat(migration.path("status").asString()).as(migration.toString()).isEqualTo("APPLIED");
        for (String bad : List.of("31", "-1", "soon")) {
            PlatformClient.Response refused = workspace.get("/rest/metadata/migrations/" + migrationId + "?waitSeconds=" + bad);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().toString()).contains("waitSeconds");
        }
    }

    @Test
    void compositeAndMultiSelectFieldsTakeDefaultsThatNewRecordsGet() throws SQLException {
        String objectId = createObject("quote", "quotes");
        String priceId = createField(objectId, Map.of("name", "price", "label", "Price", "type", "CURRENCY",
                "defaultValue", Map.of("amountMicros", 0, "currencyCode", "'EUR'")));
        String channelsId = createField(objectId, Map.of("name", "channels", "label", "Channels", "type", "MULTI_SELECT",
                "options", List.of(option("EMAIL", 0), option("PHONE", 1), option("MAIL", 2)),
                "defaultValue", List.of("'EMAIL'", "'MAIL'")));

        JsonNode price = workspace.get("/rest/metadata/fields/" + priceId).orThrow().path("data").path("field");
        assertThat(price.path("defaultValue").toString()).as(price.toString())
                .isEqualTo("{\"amountMicros\":0,\"currencyCode\":\"'EUR'\"}");
        String id = insert("quotes", i -> Map.of("name", "q" + i)).getFirst();
        assertValues("quotes", List.of(id), quote -> quote.path("price").path("currencyCode").asString() + " "
                + quote.path("price").path("amountMicros").asLong() + " " + quote.path("channels"),
                List.of("EUR 0 [\"EMAIL\",\"MAIL\"]"));

        workspace.patch("/rest/metadata/fields/" + priceId, Map.of("label", "Price (net)")).orThrow();
        assertThat(workspace.get("/rest/metadata/fields/" + priceId).orThrow().at("/data/field/defaultValue/currencyCode")
                .asString()).as("a label change keeps the default").isEqualTo("'EUR'");
        applied(workspace.patch("/rest/metadata/fields/" + priceId, Map.of("defaultValue", Map.of("currencyCode", "'USD'"))),
                "updateOneField", "/rest/metadata/fields/" + priceId);
        // Renaming an option the default holds: the default follows it.
        JsonNode channels = workspace.get("/rest/metadata/fields/" + channelsId).orThrow().path("data").path("field");
        List<Map<String, Object>> renamedOptions = new ArrayList<>();
        for (JsonNode stored : channels.path("options")) {
            String value = stored.path("value").asString();
            renamedOptions.add(Map.of("id", stored.path("id").asString(), "value", value.equals("MAIL") ? "LETTER" : value,
                    "label", stored.path("label").asString(), "color", stored.path("color").asString(),
                    "position", stored.path("position").asInt()));
        }
        applied(workspace.patch("/rest/metadata/fields/" + channelsId, Map.of("options", renamedOptions)),
                "updateOneField", "/rest/metadata/fields/" + channelsId);
        assertThat(workspace.get("/rest/metadata/fields/" + channelsId).orThrow().at("/data/field/defaultValue").toString())
                .isEqualTo("[\"'EMAIL'\",\"'LETTER'\"]");

        String later = insert("quotes", i -> Map.of("name", "later" + i)).getFirst();
        assertValues("quotes", List.of(later), quote -> quote.path("price").path("currencyCode").asString() + " "
                + quote.path("price").path("amountMicros").isNull() + " " + quote.path("channels"),
                List.of("USD true [\"EMAIL\",\"LETTER\"]"));
        assertValues("quotes", List.of(id), quote -> quote.path("channels").toString(), List.of("[\"EMAIL\",\"LETTER\"]"));

        for (Map<String, Object> bad : List.of(
                Map.of("name", "cost", "type", "CURRENCY", "defaultValue", Map.of("currencyCode", "'EURO'")),
                Map.of("name", "cost", "type", "CURRENCY", "defaultValue", Map.of("amount", 1)),
                Map.of("name", "contact", "type", "EMAILS", "defaultValue", Map.of("primaryEmail", "'a@b.co'")),
                Map.of("name", "tags", "type", "MULTI_SELECT", "options", List.of(option("A", 0)),
                        "defaultValue", List.of("'A'", "'A'")),
                Map.of("name", "tags", "type", "MULTI_SELECT", "options", List.of(option("A", 0)),
                        "defaultValue", List.of("'B'")))) {
            Map<String, Object> request = new LinkedHashMap<>(bad);
            request.put("objectMetadataId", objectId);
            request.put("label", "Bad");
            PlatformClient.Response refused = workspace.post("/rest/metadata/fields", request);
            assertThat(refused.status()).as(bad + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.body().toString()).contains("defaultValue");
        }
        assertThat(columnExists("_quote", "costCurrencyCode")).isFalse();
    }

    @Test
    void aMorphRelationPointsAtOneOfSeveralObjectsThroughOneColumnEach() throws SQLException {
        String objectId = createObject("incident", "incidents");
        String personObject = objectIdOf("person");
        String companyObject = objectIdOf("company");
        String siteObject = createObject("site", "sites");
        String morphId = createField(objectId, Map.of("name", "requester", "label", "Requester", "type", "MORPH_RELATION",
                "morphRelationsCreationPayload", List.of(
                        Map.of("type", "MANY_TO_ONE", "targetObjectMetadataId", personObject),
                        Map.of("type", "MANY_TO_ONE", "targetObjectMetadataId", companyObject),
                        Map.of("type", "MANY_TO_ONE", "targetObjectMetadataId", siteObject,
                                "targetFieldLabel", "Reported incidents"))));
        assertThat(columnExists("_incident", "requesterPersonId")).isTrue();
        assertThat(columnExists("_incident", "requesterCompanyId")).isTrue();

        String personId = workspace.post("/rest/people", Map.of("name", Map.of("firstName", "Ada"))).orThrow()
                .path("data").path("createPerson").path("id").asString();
        String incidentId = insert("incidents", i -> Map.of("name", "t" + i, "requesterPersonId", personId)).getFirst();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(workspace.get("/rest/incidents/"
                + incidentId).orThrow().path("data").path("incident").path("requesterPersonId").asString())
                .isEqualTo(personId));
        PlatformClient.Response dangling = workspace.post("/rest/incidents",
                Map.of("requesterCompanyId", java.util.UUID.randomUUID().toString()));
        assertThat(dangling.status()).as("a foreign key per target").isEqualTo(400);

        // Each target has its inverse, and depth follows the relation both ways.
        JsonNode inverse = fieldNamed(personObject, "incidents");
        assertThat(inverse.path("type").asString()).isEqualTo("RELATION");
        assertThat(inverse.at("/relation/type").asString()).isEqualTo("ONE_TO_MANY");
        assertThat(inverse.at("/relation/targetFieldMetadataId").asString()).isEqualTo(morphId);
        assertThat(fieldNamed(siteObject, "reportedIncidents").at("/relation/targetObjectMetadataId").asString())
                .isEqualTo(objectId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode person = workspace.get("/rest/people/" + personId + "?depth=1").orThrow().path("data").path("person");
            assertThat(person.path("incidents").findValuesAsString("id")).as(person.toString()).contains(incidentId);
        });
        JsonNode incident = workspace.get("/rest/incidents/" + incidentId + "?depth=1").orThrow().path("data").path("incident");
        assertThat(incident.at("/requesterPerson/id").asString()).as(incident.toString()).isEqualTo(personId);
        assertThat(incident.path("requesterCompany").isNull()).isTrue();

        // A target cannot go while the morph relation points at it; the morph relation goes with its inverses.
        workspace.patch("/rest/metadata/objects/" + siteObject, Map.of("isActive", false)).orThrow();
        PlatformClient.Response blocked = workspace.delete("/rest/metadata/objects/" + siteObject);
        assertThat(blocked.status()).as(blocked.body().toString()).isEqualTo(409);
        assertThat(blocked.body().toString()).contains("incident.requester");
        workspace.patch("/rest/metadata/fields/" + morphId, Map.of("isActive", false)).orThrow();
        assertThat(fieldNamed(personObject, "incidents").path("isActive").asBoolean()).as("inverse deactivated").isFalse();
        applied(workspace.delete("/rest/metadata/fields/" + morphId), "deleteOneField", "/rest/metadata/fields/" + morphId);
        assertThat(columnExists("_incident", "requesterPersonId")).isFalse();
        assertThat(fieldsOf(personObject)).doesNotContain("incidents");
        assertThat(workspace.delete("/rest/metadata/objects/" + siteObject).status()).isEqualTo(200);

        PlatformClient.Response unknownTarget = workspace.post("/rest/metadata/fields", Map.of(
                "objectMetadataId", objectId, "name", "watcher", "label", "Watcher", "type", "MORPH_RELATION",
                "morphRelationsCreationPayload", List.of(Map.of("type", "MANY_TO_ONE",
                        "targetObjectMetadataId", java.util.UUID.randomUUID().toString()))));
        assertThat(unknownTarget.status()).isEqualTo(400);
        assertThat(unknownTarget.body().toString()).contains("morphRelationsCreationPayload[0].targetObjectMetadataId");
    }

    @Test
    void reconcileFindsNoDriftOnAFreshWorkspaceThenReportsAndRepairsAMissingColumn() throws SQLException {
        JsonNode clean = reconcile(false);
        assertThat(clean.path("status").asString()).isEqualTo("APPLIED");
        assertThat(clean.path("drift")).as(clean.toString()).isEmpty();

        execute("ALTER TABLE \"" + workspace.schema() + "\".\"person\" DROP COLUMN \"city\"");
        JsonNode report = reconcile(false);
        assertThat(report.path("drift").toString()).contains("city");
        assertThat(columnExists("person", "city")).as("a report changes nothing").isFalse();

        JsonNode repaired = reconcile(true);
        assertThat(repaired.path("drift").toString()).contains("repaired").contains("city");
        assertThat(columnExists("person", "city")).isTrue();
    }

    private static JsonNode reconcile(boolean repair) {
        String migrationId = workspace.post("/rest/metadata/workspaces/" + workspace.id() + "/reconcile",
                        Map.of("repair", repair))
                .orThrow().path("data").path("reconcileWorkspace").path("migration").path("id").asString();
        return workspace.awaitMigration(migrationId);
    }

    private static String createObject(String singular, String plural) {
        String id = workspace.post("/rest/metadata/objects", Map.of(
                        "nameSingular", singular, "namePlural", plural,
                        "labelSingular", capitalized(singular), "labelPlural", capitalized(plural)))
                .orThrow().path("data").path("createOneObject").path("id").asString();
        workspace.awaitApplied("/rest/metadata/objects/" + id, "object");
        return id;
    }

    private static String objectIdOf(String nameSingular) {
        for (JsonNode object : workspace.get("/rest/metadata/objects").orThrow().path("data").path("objects")) {
            if (object.path("nameSingular").asString().equals(nameSingular)) {
                return object.path("id").asString();
            }
        }
        throw new AssertionError("no object " + nameSingular);
    }

    private static JsonNode fieldNamed(String objectId, String name) {
        for (JsonNode field : workspace.get("/rest/metadata/fields?objectMetadataId=" + objectId).orThrow()
                .path("data").path("fields")) {
            if (field.path("name").asString().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " on object " + objectId);
    }

    private static List<String> fieldsOf(String objectId) {
        List<String> names = new ArrayList<>();
        workspace.get("/rest/metadata/fields?objectMetadataId=" + objectId).orThrow().path("data").path("fields")
                .forEach(field -> names.add(field.path("name").asString()));
        return names;
    }

    private static String createField(String objectId, Map<String, Object> field) {
        Map<String, Object> request = new LinkedHashMap<>(field);
        request.put("objectMetadataId", objectId);
        String id = workspace.post("/rest/metadata/fields", request).orThrow()
                .path("data").path("createOneField").path("id").asString();
        workspace.awaitApplied("/rest/metadata/fields/" + id, "field");
        return id;
    }

    /** Applies a change and waits until the data API serves it (its model refreshes on the applied event). */
    private static void applied(PlatformClient.Response change, String envelope, String path) {
        JsonNode body = change.orThrow().path("data").path(envelope);
        JsonNode migration = workspace.awaitMigration(body.path("migrationId").asString());
        assertThat(migration.path("status").asString()).as(migration.toString()).isEqualTo("APPLIED");
    }

    private static List<String> insert(String plural, java.util.function.IntFunction<Map<String, Object>> record) {
        String envelope = "create" + capitalized(singularOf(plural));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int index = i;
            PlatformClient.Response[] last = new PlatformClient.Response[1];
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    (last[0] = workspace.post("/rest/" + plural, record.apply(index))).ok());
            ids.add(last[0].body().path("data").path(envelope).path("id").asString());
        }
        return ids;
    }

    /**
     * Asserts, once the data API's model has caught up with the change (it refreshes on the applied event), that
     * record {@code i} of {@code ids} shows {@code expected.get(i)}.
     */
    private static void assertValues(String plural, List<String> ids,
            java.util.function.Function<JsonNode, String> value, List<String> expected) {
        String envelope = singularOf(plural);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<String> actual = new ArrayList<>();
            for (String id : ids) {
                JsonNode record = workspace.get("/rest/" + plural + "/" + id).orThrow().path("data").path(envelope);
                actual.add(value.apply(record));
            }
            assertThat(actual).isEqualTo(expected);
        });
    }

    private static String singularOf(String plural) {
        return plural.substring(0, plural.length() - 1);
    }

    private static Map<String, Object> option(String value, int position) {
        return Map.of("value", value, "label", capitalized(value.toLowerCase()), "color", "blue", "position", position);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean columnExists(String table, String column) throws SQLException {
        try (Connection connection = connection();
                var statement = connection.prepareStatement("""
                        SELECT 1 FROM information_schema.columns
                        WHERE table_schema = ? AND table_name = ? AND column_name = ?""")) {
            statement.setString(1, workspace.schema());
            statement.setString(2, table);
            statement.setString(3, column);
            return statement.executeQuery().next();
        }
    }

    private static List<String> indexDefinitions(String table) throws SQLException {
        try (Connection connection = connection();
                var statement = connection.prepareStatement(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?")) {
            statement.setString(1, workspace.schema());
            statement.setString(2, table);
            List<String> definitions = new ArrayList<>();
            var rows = statement.executeQuery();
            while (rows.next()) {
                definitions.add(rows.getString(1));
            }
            return definitions;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword());
    }
}
