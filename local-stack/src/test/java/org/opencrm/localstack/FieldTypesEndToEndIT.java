package org.opencrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every field type a user can create, end to end: the field is created through the metadata API, its columns
 * appear in {@code pg_catalog} with the PostgreSQL types of Twenty's mapping, and a value written through the data
 * API reads back the same.
 */
class FieldTypesEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LocalPlatform platform;
    private static PlatformClient client;
    private static String token;
    private static String schema;
    private static String objectId;

    @BeforeAll
    static void startPlatformWithACustomObject() {
        platform = LocalPlatform.start(LocalStackSettings.forTests(Map.of()));
        client = new PlatformClient(platform.gatewayUrl());
        String email = "types-" + UUID.randomUUID() + "@example.com";
        String userToken = client.post("/auth/sign-up", null, Map.of("email", email, "password", "correct horse battery"))
                .orThrow().path("tokens").path("accessToken").path("token").asString();
        String workspaceId = client.post("/rest/metadata/workspaces", userToken, Map.of("displayName", "Types Inc"))
                .orThrow().path("data").path("createWorkspace").path("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                "ACTIVE".equals(client.get("/rest/metadata/workspaces/" + workspaceId, userToken)
                        .orThrow().path("data").path("workspace").path("activationStatus").asString()));
        schema = client.get("/rest/metadata/workspaces/" + workspaceId, userToken).orThrow()
                .path("data").path("workspace").path("schemaName").asString();
        PlatformClient.Response[] exchanged = new PlatformClient.Response[1];
        await().atMost(Duration.ofSeconds(15)).until(() ->
                (exchanged[0] = client.post("/auth/token/workspace", userToken, Map.of("workspaceId", workspaceId))).ok());
        token = exchanged[0].body().path("tokens").path("accessToken").path("token").asString();

        objectId = client.post("/rest/metadata/objects", token, Map.of(
                        "nameSingular", "specimen", "namePlural", "specimens",
                        "labelSingular", "Specimen", "labelPlural", "Specimens"))
                .orThrow().path("data").path("createOneObject").path("id").asString();
        awaitApplied("/rest/metadata/objects/" + objectId, "object");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /** type, field request extras, expected column -> PostgreSQL type, value written, value expected back. */
    static Stream<Arguments> fieldTypes() {
        List<Map<String, Object>> colors = List.of(
                Map.of("value", "RED", "label", "Red", "color", "red", "position", 0),
                Map.of("value", "BLUE", "label", "Blue", "color", "blue", "position", 1));
        return Stream.of(
                arguments("UUID", "ref", Map.of(), Map.of("ref", "uuid"),
                        "\"7c9e6679-7425-40de-944b-e07fc1f90ae7\""),
                arguments("TEXT", "motto", Map.of(), Map.of("motto", "text"), "\"Carpe diem\""),
                arguments("NUMBER", "weight", Map.of(), Map.of("weight", "double precision"), "12.5"),
                arguments("NUMERIC", "price", Map.of(), Map.of("price", "numeric"), "1234.5678"),
                arguments("BOOLEAN", "alive", Map.of(), Map.of("alive", "boolean"), "true"),
                arguments("DATE", "foundOn", Map.of(), Map.of("foundOn", "date"), "\"2026-03-04\""),
                arguments("DATE_TIME", "seenAt", Map.of(), Map.of("seenAt", "timestamp with time zone"),
                        "\"2026-03-04T05:06:07Z\""),
                arguments("SELECT", "color", Map.of("options", colors), Map.of("color", "_specimen_color_enum"),
                        "\"BLUE\""),
                arguments("MULTI_SELECT", "tags", Map.of("options", colors), Map.of("tags", "_specimen_tags_enum[]"),
                        "[\"RED\",\"BLUE\"]"),
                arguments("RATING", "score", Map.of(), Map.of("score", "_specimen_score_enum"), "\"RATING_4\""),
                arguments("RAW_JSON", "extra", Map.of(), Map.of("extra", "jsonb"), "{\"a\":[1,2],\"b\":\"c\"}"),
                arguments("ARRAY", "aliases", Map.of(), Map.of("aliases", "text[]"), "[\"x\",\"y\"]"),
                arguments("RICH_TEXT", "notes", Map.of(), Map.of("notes", "text"), "\"<p>hi</p>\""),
                arguments("RICH_TEXT_V2", "body", Map.of(),
                        Map.of("bodyBlocknote", "text", "bodyMarkdown", "text"),
                        "{\"blocknote\":\"[]\",\"markdown\":\"# Title\"}"),
                arguments("FULL_NAME", "finder", Map.of(),
                        Map.of("finderFirstName", "text", "finderLastName", "text"),
                        "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}"),
                arguments("EMAILS", "contact", Map.of(),
                        Map.of("contactPrimaryEmail", "text", "contactAdditionalEmails", "jsonb"),
                        "{\"primaryEmail\":\"ada@example.com\",\"additionalEmails\":[\"ada@work.example\"]}"),
                arguments("PHONES", "phone", Map.of(),
                        Map.of("phonePrimaryPhoneNumber", "text", "phonePrimaryPhoneCountryCode", "text",
                                "phonePrimaryPhoneCallingCode", "text", "phoneAdditionalPhones", "jsonb"),
                        "{\"primaryPhoneNumber\":\"612345678\",\"primaryPhoneCountryCode\":\"FR\","
                                + "\"primaryPhoneCallingCode\":\"+33\",\"additionalPhones\":[]}"),
                arguments("LINKS", "site", Map.of(),
                        Map.of("sitePrimaryLinkUrl", "text", "sitePrimaryLinkLabel", "text", "siteSecondaryLinks", "jsonb"),
                        "{\"primaryLinkUrl\":\"https://example.com\",\"primaryLinkLabel\":\"Home\","
                                + "\"secondaryLinks\":[]}"),
                arguments("ADDRESS", "place", Map.of(),
                        Map.of("placeAddressStreet1", "text", "placeAddressStreet2", "text", "placeAddressCity", "text",
                                "placeAddressPostcode", "text", "placeAddressState", "text",
                                "placeAddressCountry", "text", "placeAddressLat", "numeric",
                                "placeAddressLng", "numeric"),
                        "{\"addressStreet1\":\"1 Rue de Rivoli\",\"addressStreet2\":\"\",\"addressCity\":\"Paris\","
                                + "\"addressPostcode\":\"75001\",\"addressState\":\"\",\"addressCountry\":\"France\","
                                + "\"addressLat\":48.86,\"addressLng\":2.35}"),
                arguments("CURRENCY", "cost", Map.of(),
                        Map.of("costAmountMicros", "numeric", "costCurrencyCode", "text"),
                        "{\"amountMicros\":1500000,\"currencyCode\":\"EUR\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldTypes")
    void createsTheColumnsAndRoundTripsAValue(
            String type, String name, Map<String, Object> extras, Map<String, String> columns, String valueJson)
            throws SQLException {
        Map<String, Object> request = new LinkedHashMap<>(Map.of(
                "objectMetadataId", objectId, "name", name, "label", name, "type", type));
        request.putAll(extras);
        String fieldId = client.post("/rest/metadata/fields", token, request).orThrow()
                .path("data").path("createOneField").path("id").asString();
        awaitApplied("/rest/metadata/fields/" + fieldId, "field");

        assertThat(catalogTypes(columns.keySet().stream().toList())).isEqualTo(columns);

        JsonNode value = JSON.readTree(valueJson);
        JsonNode created = awaitCreated(Map.of(name, value));
        JsonNode read = client.get("/rest/specimens/" + created.path("id").asString(), token).orThrow()
                .path("data").path("specimen");
        assertSameValue(type, read.path(name), value);
    }

    private static void assertSameValue(String type, JsonNode actual, JsonNode expected) {
        switch (type) {
            case "NUMBER", "NUMERIC" -> assertThat(actual.decimalValue()).isEqualByComparingTo(expected.decimalValue());
            case "DATE_TIME" -> assertThat(java.time.Instant.parse(actual.asString()))
                    .isEqualTo(java.time.Instant.parse(expected.asString()));
            case "ADDRESS", "CURRENCY" -> expected.properties().forEach(entry -> {
                JsonNode part = actual.path(entry.getKey());
                if (entry.getValue().isNumber()) {
                    assertThat(part.decimalValue()).as(entry.getKey()).isEqualByComparingTo(entry.getValue().decimalValue());
                } else {
                    assertThat(part).as(entry.getKey()).isEqualTo(entry.getValue());
                }
            });
            default -> assertThat(actual).isEqualTo(expected);
        }
    }

    /** The data API learns of the new column from the schema-applied event; a create may briefly race it. */
    private static JsonNode awaitCreated(Map<String, Object> body) {
        PlatformClient.Response[] last = new PlatformClient.Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                (last[0] = client.post("/rest/specimens", token, body)).ok());
        return last[0].body().path("data").path("createSpecimen");
    }

    /** Column name -> type as psql shows it (format_type), for the given columns of the object's table. */
    private static Map<String, String> catalogTypes(List<String> columnNames) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(
                        platform.jdbcUrl(), platform.databaseUser(), platform.databasePassword());
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                        FROM pg_attribute a
                        JOIN pg_class c ON c.oid = a.attrelid
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relname = '_specimen' AND a.attnum > 0 AND NOT a.attisdropped
                          AND a.attname = ANY (?)""")) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", columnNames.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // Enum types print schema-qualified when their schema is not on the search path.
                    types.put(rows.getString(1), rows.getString(2).replace(schema + ".", "").replace("\"", ""));
                }
            }
        }
        return types;
    }

    private static void awaitApplied(String path, String envelope) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            String status = client.get(path, token).orThrow().path("data").path(envelope).path("migrationStatus").asString();
            assertThat(status).isNotEqualTo("FAILED");
            return "APPLIED".equals(status);
        });
    }

    private static Arguments arguments(
            String type, String name, Map<String, Object> extras, Map<String, String> columns, String value) {
        return Arguments.of(type, name, extras, columns, value);
    }
}
