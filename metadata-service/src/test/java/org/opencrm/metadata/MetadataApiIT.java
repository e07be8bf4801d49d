package org.opencrm.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.embedded.auth.TestTokens;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = MetadataServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + MetadataServiceApplication.CONFIG_NAME)
class MetadataApiIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final KafkaEvents KAFKA = new KafkaEvents();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    MetadataHttp http;

    @BeforeEach
    void client() {
        http = new MetadataHttp(port);
    }

    @AfterAll
    static void stopKafkaClientsAndAuth() {
        KAFKA.close();
        AUTH.close();
    }

    @Test
    void createsWorkspacePendingThenActiveOnceItsSchemaIsApplied() {
        UUID user = UUID.randomUUID();
        var created = http.post("/rest/metadata/workspaces", TOKENS.userToken(user), Map.of("displayName", "Acme"));

        assertThat(created.status()).isEqualTo(202);
        JsonNode workspace = created.body().path("data").path("createWorkspace");
        String workspaceId = workspace.path("id").asString();
        assertThat(workspace.path("displayName").asString()).isEqualTo("Acme");
        assertThat(workspace.path("activationStatus").asString()).isEqualTo("PENDING_CREATION");
        assertThat(workspace.path("schemaName").asString()).startsWith("workspace_");
        String migrationId = workspace.path("migration").path("id").asString();
        assertThat(workspace.path("migration").path("status").asString()).isEqualTo("PENDING");

        SchemaChangeRequested change = await().atMost(PATIENCE)
                .until(() -> KAFKA.schemaChange(c -> c.getMigrationId().equals(migrationId)), o -> o.isPresent())
                .orElseThrow();
        assertThat(change.getWorkspaceId()).isEqualTo(workspaceId);
        assertThat(change.getSchemaName()).isEqualTo(workspace.path("schemaName").asString());
        assertThat(change.getOperations(0).hasCreateSchema()).isTrue();
        assertThat(change.getOperationsList()).filteredOn(SchemaOperation::hasCreateTable)
                .extracting(operation -> operation.getCreateTable().getTable())
                .contains("person", "company", "opportunity");
        assertThat(KAFKA.schemaChangeRecord(migrationId).orElseThrow().key()).isEqualTo(workspaceId);
        WorkspaceCreated announced = await().atMost(PATIENCE)
                .until(() -> KAFKA.workspaceCreated(workspaceId), o -> o.isPresent()).orElseThrow();
        assertThat(announced.getCreatorUserId()).isEqualTo(user.toString());
        assertThat(announced.getDisplayName()).isEqualTo("Acme");

        assertThat(workspaceStatus(workspaceId, TOKENS.userToken(user))).isEqualTo("PENDING_CREATION");
        KAFKA.reportApplied(workspaceId, migrationId);

        await().atMost(PATIENCE).until(() -> workspaceStatus(workspaceId, TOKENS.userToken(user)), "ACTIVE"::equals);
        JsonNode shown = http.get("/rest/metadata/workspaces/" + workspaceId, TOKENS.userToken(user)).body()
                .path("data").path("workspace");
        assertThat(shown.path("migration").path("status").asString()).isEqualTo("APPLIED");
        assertThat(shown.path("migration").path("appliedAt").isNull()).isFalse();
    }

    @Test
    void showsTheStandardDataModelWithBothSidesOfEveryRelation() {
        ActiveWorkspace workspace = activeWorkspace();

        var response = http.get("/rest/metadata/objects", workspace.token());

        assertThat(response.status()).isEqualTo(200);
        JsonNode objects = response.body().path("data").path("objects");
        assertThat(response.body().path("totalCount").asInt()).isEqualTo(objects.size());
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        objects.forEach(object -> byName.put(object.path("nameSingular").asString(), object));
        assertThat(byName).containsKeys("person", "company", "opportunity");
        JsonNode person = byName.get("person");
        assertThat(person.path("namePlural").asString()).isEqualTo("people");
        assertThat(person.path("isCustom").asBoolean()).isFalse();
        assertThat(person.path("migrationStatus").asString()).isEqualTo("APPLIED");
        assertThat(fieldNames(person)).contains("id", "createdAt", "updatedAt", "deletedAt", "position", "createdBy",
                "name", "emails", "jobTitle", "company");

        JsonNode company = field(person, "company");
        assertThat(company.path("type").asString()).isEqualTo("RELATION");
        assertThat(company.path("migrationStatus").asString()).isEqualTo("APPLIED");
        JsonNode relation = company.path("relation");
        assertThat(relation.path("targetObjectNameSingular").asString()).isEqualTo("company");
        assertThat(relation.path("type").asString()).isEqualTo("MANY_TO_ONE");
        assertThat(relation.path("onDelete").asString()).isEqualTo("SET_NULL");
        JsonNode people = field(byName.get("company"), "people");
        assertThat(relation.path("targetFieldMetadataId").asString()).isEqualTo(people.path("id").asString());
        assertThat(people.path("relation").path("type").asString()).isEqualTo("ONE_TO_MANY");
        assertThat(people.path("relation").path("targetFieldMetadataId").asString())
                .isEqualTo(company.path("id").asString());
        assertThat(field(byName.get("opportunity"), "stage").path("options").size()).isEqualTo(5);
    }

    @Test
    void createsCustomObjectAndFieldPendingUntilTheirMigrationsAreApplied() {
        ActiveWorkspace workspace = activeWorkspace();

        var createdObject = http.post("/rest/metadata/objects", workspace.token(), Map.of(
                "nameSingular", "invoice", "namePlural", "invoices", "labelSingular", "Invoice",
                "labelPlural", "Invoices", "description", "Bills we sent", "icon", "IconReceipt"));

        assertThat(createdObject.status()).isEqualTo(201);
        JsonNode object = createdObject.body().path("data").path("createOneObject");
        assertThat(object.path("isCustom").asBoolean()).isTrue();
        assertThat(object.path("migrationStatus").asString()).isEqualTo("PENDING");
        assertThat(fieldNames(object)).contains("id", "createdAt", "name");
        String objectId = object.path("id").asString();
        String objectMigration = object.path("migrationId").asString();
        SchemaChangeRequested change = await().atMost(PATIENCE)
                .until(() -> KAFKA.schemaChange(c -> c.getMigrationId().equals(objectMigration)), o -> o.isPresent())
                .orElseThrow();
        assertThat(change.getOperationsList()).filteredOn(SchemaOperation::hasCreateTable)
                .extracting(operation -> operation.getCreateTable().getTable()).containsExactly("_invoice");

        var createdField = http.post("/rest/metadata/fields", workspace.token(), Map.of(
                "objectMetadataId", objectId, "name", "status", "label", "Status", "type", "SELECT",
                "defaultValue", "'DRAFT'", "options", List.of(
                        Map.of("value", "DRAFT", "label", "Draft", "color", "gray", "position", 0),
                        Map.of("value", "PAID", "label", "Paid", "color", "green", "position", 1))));

        assertThat(createdField.status()).isEqualTo(201);
        JsonNode field = createdField.body().path("data").path("createOneField");
        assertThat(field.path("migrationStatus").asString()).isEqualTo("PENDING");
        assertThat(field.path("isCustom").asBoolean()).isTrue();
        assertThat(field.path("defaultValue").asString()).isEqualTo("'DRAFT'");
        assertThat(field.path("options").size()).isEqualTo(2);
        String fieldMigration = field.path("migrationId").asString();
        SchemaChangeRequested fieldChange = await().atMost(PATIENCE)
                .until(() -> KAFKA.schemaChange(c -> c.getMigrationId().equals(fieldMigration)), o -> o.isPresent())
                .orElseThrow();
        assertThat(fieldChange.getOperationsList()).anyMatch(operation -> operation.hasCreateEnumType()
                && operation.getCreateEnumType().getValuesList().equals(List.of("DRAFT", "PAID")));
        assertThat(fieldChange.getOperationsList()).anyMatch(operation -> operation.hasAddColumn()
                && operation.getAddColumn().getTable().equals("_invoice")
                && operation.getAddColumn().getColumn().getName().equals("status"));

        KAFKA.reportApplied(workspace.id(), objectMigration);
        KAFKA.reportApplied(workspace.id(), fieldMigration);

        await().atMost(PATIENCE).until(() -> http.get("/rest/metadata/fields/" + field.path("id").asString(),
                workspace.token()).body().path("data").path("field").path("migrationStatus").asString(), "APPLIED"::equals);
        JsonNode shownObject = http.get("/rest/metadata/objects/" + objectId, workspace.token()).body()
                .path("data").path("object");
        assertThat(shownObject.path("migrationStatus").asString()).isEqualTo("APPLIED");
        assertThat(field(shownObject, "name").path("migrationStatus").asString()).isEqualTo("APPLIED");
        JsonNode migration = http.get("/rest/metadata/migrations/" + fieldMigration, workspace.token()).body()
                .path("data").path("migration");
        assertThat(migration.path("status").asString()).isEqualTo("APPLIED");
        assertThat(migration.path("appliedAt").isNull()).isFalse();
        var fieldsOfObject = http.get("/rest/metadata/fields?objectMetadataId=" + objectId, workspace.token());
        assertThat(fieldsOfObject.body().path("data").path("fields")).extracting(f -> f.path("name").asString())
                .contains("name", "status");
    }

    @Test
    void givesACustomObjectTheRelationsOfTheLinkingObjectsInItsOneMigration() {
        ActiveWorkspace workspace = activeWorkspace();
        String taskTargetId = objectId(workspace, "taskTarget");

        var created = http.post("/rest/metadata/objects", workspace.token(), object("invoice", "invoices"));

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        JsonNode invoice = created.body().path("data").path("createOneObject");
        String invoiceId = invoice.path("id").asString();
        String migrationId = invoice.path("migrationId").asString();
        SchemaChangeRequested change = published(migrationId);
        assertThat(change.getOperationsList()).filteredOn(SchemaOperation::hasAddColumn)
                .extracting(o -> o.getAddColumn().getTable() + "." + o.getAddColumn().getColumn().getName())
                .containsExactlyInAnyOrder("taskTarget.invoiceId", "noteTarget.invoiceId", "attachment.invoiceId",
                        "favorite.invoiceId", "timelineActivity.targetInvoiceId");
        assertThat(change.getOperationsList()).filteredOn(SchemaOperation::hasAddForeignKey)
                .allSatisfy(o -> assertThat(o.getAddForeignKey().getReferencedTable()).isEqualTo("_invoice"))
                .hasSize(5);
        assertThat(fieldNames(invoice)).contains("taskTargets", "noteTargets", "attachments", "favorites",
                "timelineActivities");
        JsonNode inverse = field(invoice, "taskTargets");
        assertThat(inverse.path("relation").path("type").asString()).isEqualTo("ONE_TO_MANY");
        assertThat(inverse.path("relation").path("targetObjectMetadataId").asString()).isEqualTo(taskTargetId);
        assertThat(inverse.path("migrationId").asString()).isEqualTo(migrationId);

        JsonNode taskTarget = objectJson(workspace, taskTargetId);
        JsonNode linking = field(taskTarget, "invoice");
        assertThat(linking.path("relation").path("type").asString()).isEqualTo("MANY_TO_ONE");
        assertThat(linking.path("relation").path("targetObjectMetadataId").asString()).isEqualTo(invoiceId);
        assertThat(linking.path("relation").path("targetFieldMetadataId").asString())
                .isEqualTo(inverse.path("id").asString());
        assertThat(linking.path("relation").path("onDelete").asString()).isEqualTo("CASCADE");
        assertThat(inverse.path("relation").path("targetFieldMetadataId").asString())
                .isEqualTo(linking.path("id").asString());
        assertThat(field(objectJson(workspace, objectId(workspace, "timelineActivity")), "targetInvoice")
                .path("relation").path("targetObjectMetadataId").asString()).isEqualTo(invoiceId);

        long rowsBefore = metadataRows(workspace.id());
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(), object("author", "authors")),
                "nameSingular", null);
        assertThat(metadataRows(workspace.id())).isEqualTo(rowsBefore);
    }

    @Test
    void createsARelationWithBothSidesInOneMigration() {
        ActiveWorkspace workspace = activeWorkspace();
        String companyId = objectId(workspace, "company");
        JsonNode invoice = http.post("/rest/metadata/objects", workspace.token(), object("invoice", "invoices"))
                .body().path("data").path("createOneObject");

        var created = http.post("/rest/metadata/fields", workspace.token(), Map.of(
                "objectMetadataId", invoice.path("id").asString(), "name", "company", "label", "Company",
                "type", "RELATION", "relationCreationPayload", Map.of(
                        "targetObjectMetadataId", companyId, "type", "MANY_TO_ONE", "targetFieldLabel", "Invoices")));

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        JsonNode field = created.body().path("data").path("createOneField");
        assertThat(field.path("relation").path("type").asString()).isEqualTo("MANY_TO_ONE");
        assertThat(field.path("relation").path("targetObjectNameSingular").asString()).isEqualTo("company");
        String inverseId = field.path("relation").path("targetFieldMetadataId").asString();
        JsonNode inverse = http.get("/rest/metadata/fields/" + inverseId, workspace.token()).body()
                .path("data").path("field");
        assertThat(inverse.path("name").asString()).isEqualTo("invoices");
        assertThat(inverse.path("objectMetadataId").asString()).isEqualTo(companyId);
        assertThat(inverse.path("relation").path("type").asString()).isEqualTo("ONE_TO_MANY");
        assertThat(inverse.path("migrationId").asString()).isEqualTo(field.path("migrationId").asString());

        String migrationId = field.path("migrationId").asString();
        SchemaChangeRequested change = await().atMost(PATIENCE)
                .until(() -> KAFKA.schemaChange(c -> c.getMigrationId().equals(migrationId)), o -> o.isPresent())
                .orElseThrow();
        assertThat(change.getPreviousMigrationId()).as("the workspace's migration requested before it")
                .isEqualTo(invoice.path("migrationId").asString());
        assertThat(change.getOperationsList()).anyMatch(operation -> operation.hasAddColumn()
                && operation.getAddColumn().getTable().equals("_invoice")
                && operation.getAddColumn().getColumn().getName().equals("companyId"));
        assertThat(change.getOperationsList()).anyMatch(operation -> operation.hasAddForeignKey()
                && operation.getAddForeignKey().getReferencedTable().equals("company"));

        for (boolean active : List.of(false, true)) {
            var toggled = http.patch("/rest/metadata/fields/" + field.path("id").asString(), workspace.token(),
                    Map.of("isActive", active));
            assertThat(toggled.status()).as("%s", toggled.body()).isEqualTo(200);
            assertThat(http.get("/rest/metadata/fields/" + inverseId, workspace.token()).body()
                    .at("/data/field/isActive").asBoolean()).as("the other side follows").isEqualTo(active);
        }

        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), Map.of(
                "objectMetadataId", invoice.path("id").asString(), "name", "customer", "label", "Customer",
                "type", "RELATION", "relationCreationPayload", Map.of(
                        "targetObjectMetadataId", companyId, "type", "MANY_TO_ONE", "targetFieldLabel", "Invoices"))),
                "relationCreationPayload.targetFieldLabel", "duplicate");
    }

    @Test
    void acceptsApiKeysOfTheWorkspace() {
        ActiveWorkspace workspace = activeWorkspace();

        var response = http.get("/rest/metadata/objects", TOKENS.apiKey(UUID.fromString(workspace.id())));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("totalCount").asInt()).isPositive();
    }

    @Test
    void rejectsInvalidObjectsNamingTheFieldAndWritesNothing() {
        ActiveWorkspace workspace = activeWorkspace();
        long before = metadataRows(workspace.id());

        assertInvalid(http.post("/rest/metadata/objects", workspace.token(),
                object("select", "selects")), "nameSingular", "reserved-word");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(),
                object("a\"; drop schema public; --", "things")), "nameSingular", "camel-case");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(),
                object("gadget", "gadget")), "namePlural", "plural-equals-singular");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(),
                object("widget", "people")), "namePlural", null);
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(),
                Map.of("nameSingular", "gizmo", "namePlural", "gizmos")), "labelSingular", "required");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(), "{\"nameSingular\": "),
                "body", "type");

        assertThat(http.post("/rest/metadata/objects", workspace.token(), object("ticket", "tickets")).status())
                .isEqualTo(201);
        before = metadataRows(workspace.id());
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(), object("ticket", "ticketItems")),
                "nameSingular", "duplicate");
        assertThat(metadataRows(workspace.id())).isEqualTo(before);
    }

    @Test
    void rejectsInvalidFieldsNamingTheFieldAndWritesNothing() {
        ActiveWorkspace workspace = activeWorkspace();
        String personId = objectId(workspace, "person");
        long before = metadataRows(workspace.id());

        assertInvalid(http.post("/rest/metadata/fields", workspace.token(),
                field(personId, "createdAt", "TEXT")), "name", "reserved-name");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(),
                field(personId, "a\"; drop schema public; --", "TEXT")), "name", "camel-case");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(),
                field(personId, "jobTitle", "TEXT")), "name", "duplicate");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(),
                field(personId, "nickname", "COLOUR")), "type", "unknown-type");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(),
                field(personId, "tier", "SELECT")), "options", "required");
        Map<String, Object> badOptions = new LinkedHashMap<>(field(personId, "tier", "SELECT"));
        badOptions.put("options", List.of(Map.of("value", "gold", "label", "Gold")));
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), badOptions), "options[0].value",
                "enum-value-format");
        Map<String, Object> badDefault = new LinkedHashMap<>(field(personId, "score", "NUMBER"));
        badDefault.put("defaultValue", "high");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), badDefault), "defaultValue", "type");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), "{\"objectMetadataId\": 42}"),
                "objectMetadataId", "type");

        assertThat(metadataRows(workspace.id())).isEqualTo(before);
    }

    @Test
    void rejectsMissingAndNullRequiredPropertiesAsInvalidNotAsFailures() {
        ActiveWorkspace workspace = activeWorkspace();
        String personId = objectId(workspace, "person");
        long before = metadataRows(workspace.id());

        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), """
                {"objectMetadataId": "%s", "name": "nickname", "label": "Nickname"}""".formatted(personId)),
                "type", "required");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), """
                {"objectMetadataId": "%s", "name": "nickname", "label": "Nickname", "type": null,
                 "isNullable": null, "defaultValue": null, "options": null}""".formatted(personId)),
                "type", "required");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), """
                {"objectMetadataId": "%s", "type": "RELATION", "name": null, "label": null,
                 "relationCreationPayload": null}""".formatted(personId)),
                "relationCreationPayload", "required");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), """
                {"objectMetadataId": "%s", "type": "RELATION", "name": "owner", "label": "Owner",
                 "relationCreationPayload": {"targetObjectMetadataId": null, "type": null}}""".formatted(personId)),
                "relationCreationPayload.targetObjectMetadataId", "required");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), "{}"), "objectMetadataId", "required");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), "null"), "body", "type");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(), "{}"), "nameSingular", "required");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(), """
                {"nameSingular": null, "namePlural": null, "labelSingular": null, "labelPlural": null,
                 "description": null, "icon": null}"""), "labelPlural", "required");
        assertInvalid(http.post("/rest/metadata/objects", workspace.token(), "null"), "body", "type");
        UUID user = UUID.randomUUID();
        assertInvalid(http.post("/rest/metadata/workspaces", TOKENS.userToken(user), "{}"), "displayName", "required");
        assertInvalid(http.post("/rest/metadata/workspaces", TOKENS.userToken(user), "{\"displayName\": null}"),
                "displayName", "required");
        assertInvalid(http.post("/rest/metadata/workspaces", TOKENS.userToken(user), "null"), "body", "type");

        assertThat(metadataRows(workspace.id())).isEqualTo(before);
    }

    @Test
    void letsOnlyOneOfTwoConcurrentFieldsWithOneNameThrough() throws Exception {
        ActiveWorkspace workspace = activeWorkspace();
        String personId = objectId(workspace, "person");
        List<Integer> statuses;
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = executor.submit(() -> http.post("/rest/metadata/fields", workspace.token(),
                    field(personId, "twin", "TEXT")).status());
            var second = executor.submit(() -> http.post("/rest/metadata/fields", workspace.token(),
                    field(personId, "twin", "NUMBER")).status());
            statuses = List.of(first.get(), second.get());
        }

        assertThat(statuses).containsExactlyInAnyOrder(201, 400);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM core."fieldMetadata" WHERE "objectMetadataId" = ? AND "name" = 'twin'""",
                Long.class, UUID.fromString(personId))).isEqualTo(1);
    }

    @Test
    void showsAFailedMigrationWithItsErrorAndNeverAsApplied() {
        ActiveWorkspace workspace = activeWorkspace();
        String personId = objectId(workspace, "person");
        JsonNode field = http.post("/rest/metadata/fields", workspace.token(), field(personId, "nickname", "TEXT"))
                .body().path("data").path("createOneField");
        String migrationId = field.path("migrationId").asString();

        KAFKA.reportFailed(workspace.id(), migrationId, "column \"nickname\" could not be added: lock timeout");

        await().atMost(PATIENCE).until(() -> http.get("/rest/metadata/fields/" + field.path("id").asString(),
                workspace.token()).body().path("data").path("field").path("migrationStatus").asString(), "FAILED"::equals);
        JsonNode shown = http.get("/rest/metadata/fields/" + field.path("id").asString(), workspace.token()).body()
                .path("data").path("field");
        assertThat(shown.path("migrationError").asString()).contains("lock timeout");
        JsonNode migration = http.get("/rest/metadata/migrations/" + migrationId, workspace.token()).body()
                .path("data").path("migration");
        assertThat(migration.path("status").asString()).isEqualTo("FAILED");
        assertThat(migration.path("error").asString()).contains("lock timeout");
        assertThat(migration.path("appliedAt").isNull()).isTrue();

        // A late success report for a failed migration changes nothing.
        KAFKA.reportApplied(workspace.id(), migrationId);
        assertThat(http.get("/rest/metadata/migrations/" + migrationId, workspace.token()).body()
                .path("data").path("migration").path("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void marksWorkspaceCreationFailedAndRefusesSchemaChangesToIt() {
        UUID user = UUID.randomUUID();
        JsonNode workspace = http.post("/rest/metadata/workspaces", TOKENS.userToken(user),
                Map.of("displayName", "Doomed")).body().path("data").path("createWorkspace");
        String workspaceId = workspace.path("id").asString();
        String token = TOKENS.workspaceToken(user, UUID.fromString(workspaceId));

        assertThat(http.post("/rest/metadata/objects", token, object("ticket", "tickets")).status()).isEqualTo(409);

        KAFKA.reportFailed(workspaceId, workspace.path("migration").path("id").asString(), "disk full");

        await().atMost(PATIENCE).until(() -> workspaceStatus(workspaceId, token), "FAILED_CREATION"::equals);
        JsonNode shown = http.get("/rest/metadata/workspaces/" + workspaceId, token).body().path("data")
                .path("workspace");
        assertThat(shown.path("migration").path("error").asString()).isEqualTo("disk full");
        var refused = http.post("/rest/metadata/objects", token, object("ticket", "tickets"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asString()).endsWith("/workspace-not-active");
    }

    @Test
    void hidesOtherWorkspacesAndTheirMetadata() {
        ActiveWorkspace mine = activeWorkspace();
        ActiveWorkspace theirs = activeWorkspace();
        String theirPerson = objectId(theirs, "person");

        assertThat(http.get("/rest/metadata/objects/" + theirPerson, mine.token()).status()).isEqualTo(404);
        assertThat(http.get("/rest/metadata/workspaces/" + theirs.id(), mine.token()).status()).isEqualTo(404);
        assertThat(http.get("/rest/metadata/workspaces/" + theirs.id(), TOKENS.userToken(UUID.randomUUID())).status())
                .isEqualTo(404);
        assertThat(http.get("/rest/metadata/migrations/" + theirs.migrationId(), mine.token()).status())
                .isEqualTo(404);
        var foreignField = http.post("/rest/metadata/fields", mine.token(), field(theirPerson, "nickname", "TEXT"));
        assertThat(foreignField.status()).isEqualTo(404);
        assertThat(foreignField.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/rest/metadata/objects/" + UUID.randomUUID(), mine.token()).status()).isEqualTo(404);
    }

    @Test
    void requiresATokenAndAWorkspaceScopedOneForTheDataModel() {
        assertThat(http.get("/rest/metadata/objects", null).status()).isEqualTo(401);
        var agnostic = http.get("/rest/metadata/objects", TOKENS.userToken(UUID.randomUUID()));
        assertThat(agnostic.status()).isEqualTo(403);
        assertThat(agnostic.body().path("type").asString()).endsWith("/workspace-token-required");
        assertInvalid(http.post("/rest/metadata/workspaces", TOKENS.userToken(UUID.randomUUID()),
                Map.of("displayName", "x".repeat(101))), "displayName", "too-long");
    }

    @Test
    void renamesACustomObjectWithItsTableAndDerivedNamesOnceApplied() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "invoice", "invoices");

        var renamed = http.patch("/rest/metadata/objects/" + objectId, workspace.token(),
                Map.of("nameSingular", "bill", "namePlural", "bills", "labelSingular", "Bill"));

        assertThat(renamed.status()).as("%s", renamed.body()).isEqualTo(200);
        JsonNode object = renamed.body().path("data").path("updateOneObject");
        assertThat(object.path("nameSingular").asString()).isEqualTo("bill");
        assertThat(object.path("targetTableName").asString()).isEqualTo("_bill");
        assertThat(object.path("migrationStatus").asString()).isEqualTo("PENDING");
        String migrationId = object.path("migrationId").asString();
        SchemaChangeRequested change = published(migrationId);
        assertThat(change.getOperations(0).getRenameTable().getFrom()).isEqualTo("_invoice");
        assertThat(change.getOperations(0).getRenameTable().getTo()).isEqualTo("_bill");
        assertThat(change.getOperationsList()).filteredOn(SchemaOperation::hasRenameIndex)
                .extracting(op -> op.getRenameIndex().getTo()).contains("idx__bill_searchVector");
        assertThat(change.getOperationsList()).filteredOn(SchemaOperation::hasRenameEnumType)
                .extracting(op -> op.getRenameEnumType().getTo()).contains("_bill_createdBySource_enum");

        KAFKA.reportApplied(workspace.id(), migrationId);

        await().atMost(PATIENCE).until(() -> objectJson(workspace, objectId).path("migrationStatus").asString(),
                "APPLIED"::equals);
        assertThat(objectJson(workspace, objectId).path("labelSingular").asString()).isEqualTo("Bill");
    }

    @Test
    void changesLabelsAsMetadataOnlyAndKeepsStandardNames() {
        ActiveWorkspace workspace = activeWorkspace();
        JsonNode jobTitle = field(objectJson(workspace, objectId(workspace, "person")), "jobTitle");
        String fieldId = jobTitle.path("id").asString();

        var relabelled = http.patch("/rest/metadata/fields/" + fieldId, workspace.token(),
                Map.of("label", "Role", "description", "What they do", "icon", "IconBriefcase"));

        assertThat(relabelled.status()).as("%s", relabelled.body()).isEqualTo(200);
        JsonNode field = relabelled.body().path("data").path("updateOneField");
        assertThat(field.path("label").asString()).isEqualTo("Role");
        assertThat(field.path("icon").asString()).isEqualTo("IconBriefcase");
        assertThat(field.path("migrationId").asString()).isEqualTo(jobTitle.path("migrationId").asString());
        assertThat(field.path("migrationStatus").asString()).isEqualTo("APPLIED");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("name", "role")),
                "name", "standard-field");
        assertInvalid(http.patch("/rest/metadata/objects/" + objectId(workspace, "person"), workspace.token(),
                Map.of("nameSingular", "human")), "nameSingular", "standard-object");
        assertInvalid(http.delete("/rest/metadata/fields/" + fieldId, workspace.token()), "id", "standard-field");
        assertInvalid(http.delete("/rest/metadata/objects/" + objectId(workspace, "person"), workspace.token()), "id",
                "standard-object");
    }

    @Test
    void restoresTheFieldWhenItsRenameFails() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "ticket", "tickets");
        String fieldId = appliedField(workspace, field(objectId, "summary", "TEXT"));

        var renamed = http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("name", "headline"));

        assertThat(renamed.status()).as("%s", renamed.body()).isEqualTo(200);
        String migrationId = renamed.body().path("data").path("updateOneField").path("migrationId").asString();
        SchemaChangeRequested change = published(migrationId);
        assertThat(change.getOperationsList()).singleElement().satisfies(op -> {
            assertThat(op.getRenameColumn().getTable()).isEqualTo("_ticket");
            assertThat(op.getRenameColumn().getFrom()).isEqualTo("summary");
            assertThat(op.getRenameColumn().getTo()).isEqualTo("headline");
        });

        KAFKA.reportFailed(workspace.id(), migrationId, "lock timeout");

        await().atMost(PATIENCE).until(() -> fieldJson(workspace, fieldId).path("name").asString(), "summary"::equals);
        assertThat(fieldJson(workspace, fieldId).path("migrationStatus").asString()).isEqualTo("APPLIED");
        JsonNode migration = http.get("/rest/metadata/migrations/" + migrationId, workspace.token()).body()
                .path("data").path("migration");
        assertThat(migration.path("status").asString()).isEqualTo("FAILED");
        assertThat(migration.path("error").asString()).isEqualTo("lock timeout");
    }

    @Test
    void keepsTheFailureRecordedAndGoesOnWhenALaterChangeTookWhatAnUndoWouldRestore() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "parcel", "parcels");
        String fieldId = appliedField(workspace, field(objectId, "weight", "NUMBER"));
        http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("isActive", false));
        String dropMigration = http.delete("/rest/metadata/fields/" + fieldId, workspace.token()).body().path("data")
                .path("deleteOneField").path("migrationId").asString();
        String newFieldId = appliedField(workspace, field(objectId, "weight", "NUMERIC"));

        KAFKA.reportFailed(workspace.id(), dropMigration, "could not drop");
        String laterField = http.post("/rest/metadata/fields", workspace.token(), field(objectId, "volume", "NUMBER"))
                .body().path("data").path("createOneField").path("id").asString();
        KAFKA.reportApplied(workspace.id(), fieldJson(workspace, laterField).path("migrationId").asString());

        await().atMost(PATIENCE).until(() -> fieldJson(workspace, laterField).path("migrationStatus").asString(),
                "APPLIED"::equals);
        assertThat(http.get("/rest/metadata/migrations/" + dropMigration, workspace.token()).body().path("data")
                .path("migration").path("status").asString()).isEqualTo("FAILED");
        assertThat(fieldJson(workspace, newFieldId).path("type").asString()).isEqualTo("NUMERIC");
        assertThat(http.get("/rest/metadata/fields/" + fieldId, workspace.token()).status()).isEqualTo(404);
    }

    @Test
    void deletesADeactivatedObjectWithTheRelationsPointingAtItAndRestoresThemIfTheDropFails() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "project", "projects");
        String personId = objectId(workspace, "person");
        var relation = http.post("/rest/metadata/fields", workspace.token(), Map.of(
                "objectMetadataId", personId, "name", "project", "label", "Project", "type", "RELATION",
                "relationCreationPayload", Map.of("targetObjectMetadataId", objectId, "type", "MANY_TO_ONE",
                        "targetFieldLabel", "Members")));
        KAFKA.reportApplied(workspace.id(), relation.body().path("data").path("createOneField").path("migrationId")
                .asString());
        long rowsBefore = metadataRows(workspace.id());

        assertInvalid(http.delete("/rest/metadata/objects/" + objectId, workspace.token()), "isActive",
                "must-be-inactive");
        assertThat(http.patch("/rest/metadata/objects/" + objectId, workspace.token(), Map.of("isActive", false))
                .body().path("data").path("updateOneObject").path("isActive").asBoolean(true)).isFalse();
        var deleted = http.delete("/rest/metadata/objects/" + objectId, workspace.token());

        assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(200);
        JsonNode result = deleted.body().path("data").path("deleteOneObject");
        assertThat(result.path("id").asString()).isEqualTo(objectId);
        assertThat(result.path("migrationStatus").asString()).isEqualTo("PENDING");
        String migrationId = result.path("migrationId").asString();
        SchemaChangeRequested change = published(migrationId);
        List<SchemaOperation> operations = change.getOperationsList();
        assertThat(operations).filteredOn(SchemaOperation::hasDropColumn)
                .extracting(o -> o.getDropColumn().getTable() + "." + o.getDropColumn().getColumn())
                .containsExactlyInAnyOrder("person.projectId", "taskTarget.projectId", "noteTarget.projectId",
                        "attachment.projectId", "favorite.projectId", "timelineActivity.targetProjectId");
        int dropTable = indexOf(operations, SchemaOperation::hasDropTable);
        assertThat(operations.get(dropTable).getDropTable().getTable()).isEqualTo("_project");
        assertThat(operations.subList(0, dropTable)).extracting(SchemaOperation::getOperationCase)
                .containsOnly(SchemaOperation.OperationCase.DROP_INDEX, SchemaOperation.OperationCase.DROP_FOREIGN_KEY,
                        SchemaOperation.OperationCase.DROP_COLUMN);
        assertThat(indexOf(operations, o -> o.hasDropColumn() && o.getDropColumn().getColumn().equals("projectId")
                && o.getDropColumn().getTable().equals("person")))
                .isGreaterThan(indexOf(operations, o -> o.hasDropForeignKey()
                        && o.getDropForeignKey().getTable().equals("person")));
        assertThat(http.get("/rest/metadata/objects/" + objectId, workspace.token()).status()).isEqualTo(404);
        assertThat(fieldNames(objectJson(workspace, personId))).doesNotContain("project");
        assertThat(fieldNames(objectJson(workspace, objectId(workspace, "taskTarget")))).doesNotContain("project");

        KAFKA.reportFailed(workspace.id(), migrationId, "could not drop");

        await().atMost(PATIENCE).until(() -> http.get("/rest/metadata/objects/" + objectId, workspace.token())
                .status() == 200);
        assertThat(fieldNames(objectJson(workspace, personId))).contains("project");
        assertThat(fieldNames(objectJson(workspace, objectId))).contains("name", "members");
        assertThat(metadataRows(workspace.id())).isEqualTo(rowsBefore + 1);
    }

    @Test
    void renamesAddsAndRemovesSelectOptionsByIdMigratingRows() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "purchase", "purchases");
        Map<String, Object> status = new LinkedHashMap<>(field(objectId, "stage", "SELECT"));
        status.put("options", List.of(Map.of("value", "DRAFT", "label", "Draft"), Map.of("value", "PAID", "label",
                "Paid")));
        String fieldId = appliedField(workspace, status);
        JsonNode options = fieldJson(workspace, fieldId).path("options");
        String draftId = options.get(0).path("id").asString();
        assertThat(draftId).isNotBlank();

        var changed = http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of(
                "options", List.of(Map.of("id", draftId, "value", "OPEN", "label", "Open"),
                        Map.of("value", "VOID", "label", "Void")),
                "defaultValue", "'OPEN'"));

        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        JsonNode field = changed.body().path("data").path("updateOneField");
        assertThat(field.path("options").get(0).path("id").asString()).isEqualTo(draftId);
        assertThat(field.path("defaultValue").asString()).isEqualTo("'OPEN'");
        var change = published(field.path("migrationId").asString()).getOperations(0).getChangeEnumValues();
        assertThat(change.getTypeName()).isEqualTo("_purchase_stage_enum");
        assertThat(change.getValuesList()).containsExactly("OPEN", "VOID");
        assertThat(change.getRenamedMap()).containsExactly(Map.entry("DRAFT", "OPEN"));
        assertThat(change.getReplacement()).isEqualTo("OPEN");
        assertThat(change.getColumns(0).getDefaultValue().getEnumValue()).isEqualTo("OPEN");

        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("options", List.of(
                Map.of("value", "OPEN", "label", "Open"), Map.of("value", "OPEN", "label", "Again")))),
                "options[1].value", "duplicate");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(),
                Map.of("defaultValue", "'CLOSED'")), "defaultValue", "type");
    }

    @Test
    void changesTypeWhereSafeAndRefusesOtherwiseWritingNothing() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "lead", "leads");
        String fieldId = appliedField(workspace, field(objectId, "source", "TEXT"));
        long rowsBefore = metadataRows(workspace.id());

        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("type", "NUMBER")),
                "type", "unsafe-type-change");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("type", "EMAILS")),
                "type", "unsafe-type-change");
        assertThat(metadataRows(workspace.id())).isEqualTo(rowsBefore);

        var changed = http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("type", "SELECT",
                "options", List.of(Map.of("value", "WEB", "label", "Web"), Map.of("value", "EVENT", "label", "Event"))));

        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        JsonNode field = changed.body().path("data").path("updateOneField");
        assertThat(field.path("type").asString()).isEqualTo("SELECT");
        SchemaChangeRequested change = published(field.path("migrationId").asString());
        assertThat(change.getOperations(0).getCreateEnumType().getTypeName()).isEqualTo("_lead_source_enum");
        assertThat(change.getOperations(1).getAlterColumnType().getTarget().getEnumTypeName())
                .isEqualTo("_lead_source_enum");
    }

    @Test
    void togglesUniquenessNullabilityAndDefaults() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "asset", "assets");
        String fieldId = appliedField(workspace, field(objectId, "serial", "TEXT"));

        var unique = http.patch("/rest/metadata/fields/" + fieldId, workspace.token(),
                Map.of("isUnique", true, "isNullable", false, "defaultValue", "'none'"));

        assertThat(unique.status()).as("%s", unique.body()).isEqualTo(200);
        SchemaChangeRequested change = published(unique.body().path("data").path("updateOneField")
                .path("migrationId").asString());
        assertThat(change.getOperationsList()).extracting(SchemaOperation::getOperationCase).containsExactly(
                SchemaOperation.OperationCase.SET_COLUMN_DEFAULT, SchemaOperation.OperationCase.SET_COLUMN_NULLABLE,
                SchemaOperation.OperationCase.CREATE_INDEX);
        assertThat(change.getOperations(0).getSetColumnDefault().getDefaultValue().getText()).isEqualTo("none");
        assertThat(change.getOperations(2).getCreateIndex().getName()).isEqualTo("uq__asset_serial");
        assertThat(change.getOperations(2).getCreateIndex().getLiveRowsOnly()).isTrue();
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("defaultValue", 12)),
                "defaultValue", "type");
    }

    @Test
    void createsListsAndDropsIndexesAndRefusesToDropTheirFieldsUnlessCascaded() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "device", "devices");
        String codeId = appliedField(workspace, field(objectId, "code", "TEXT"));
        String nameId = field(objectJson(workspace, objectId), "name").path("id").asString();

        var created = http.post("/rest/metadata/indexes", workspace.token(), Map.of("objectMetadataId", objectId,
                "fieldMetadataIds", List.of(codeId, nameId), "isUnique", true));

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        JsonNode index = created.body().path("data").path("createOneIndex");
        assertThat(index.path("name").asString()).startsWith("IDX_");
        assertThat(index.path("indexWhereClause").asString()).isEqualTo("\"deletedAt\" IS NULL");
        assertThat(index.path("indexFieldMetadatas").get(1).path("fieldMetadataId").asString()).isEqualTo(nameId);
        var createIndex = published(index.path("migrationId").asString()).getOperations(0).getCreateIndex();
        assertThat(createIndex.getColumnsList()).containsExactly("code", "name");
        assertThat(createIndex.getUnique()).isTrue();
        KAFKA.reportApplied(workspace.id(), index.path("migrationId").asString());
        assertThat(http.get("/rest/metadata/indexes", workspace.token()).body().path("data").path("indexes"))
                .extracting(i -> i.path("id").asString()).contains(index.path("id").asString());
        assertInvalid(http.post("/rest/metadata/indexes", workspace.token(), Map.of("objectMetadataId", objectId,
                "fieldMetadataIds", List.of(codeId), "indexType", "GIN")), "indexType", "unsupported");

        http.patch("/rest/metadata/fields/" + codeId, workspace.token(), Map.of("isActive", false));
        var refused = http.delete("/rest/metadata/fields/" + codeId, workspace.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("dependants").get(0).asString())
                .isEqualTo("index " + index.path("name").asString());

        var deleted = http.delete("/rest/metadata/fields/" + codeId + "?cascade=true", workspace.token());
        assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(200);
        SchemaChangeRequested drop = published(deleted.body().path("data").path("deleteOneField").path("migrationId")
                .asString());
        assertThat(drop.getOperations(0).getDropIndex().getName()).isEqualTo(index.path("name").asString());
        assertThat(drop.getOperations(1).getDropColumn().getColumn()).isEqualTo("code");
        assertThat(http.get("/rest/metadata/indexes/" + index.path("id").asString(), workspace.token()).status())
                .isEqualTo(404);
    }

    @Test
    void expectsOfAFreshWorkspaceTheSchemaItsProvisioningCreated() {
        ActiveWorkspace workspace = activeWorkspace();
        List<SchemaOperation> provisioning = published(workspace.migrationId()).getOperationsList();

        var requested = http.post("/rest/metadata/workspaces/" + workspace.id() + "/reconcile", workspace.token(),
                Map.of("repair", false));

        String migrationId = requested.body().path("data").path("reconcileWorkspace").path("migration").path("id")
                .asString();
        List<SchemaOperation> expected = published(migrationId).getOperations(0).getReconcile().getExpectedList();
        assertThat(normalized(expected)).containsExactlyInAnyOrderElementsOf(normalized(provisioning));
        assertThat(expected).filteredOn(o -> o.hasCreateTable() && o.getCreateTable().getTable().equals("person"))
                .singleElement().satisfies(o -> assertThat(o.getCreateTable().getColumnsList())
                        .filteredOn(c -> c.getName().equals("searchVector")).singleElement()
                        .satisfies(c -> assertThat(c.getSearchSourcesList()).isNotEmpty()));
    }

    /** The operations with each table's columns in name order: stored metadata keeps no column order. */
    private static List<SchemaOperation> normalized(List<SchemaOperation> operations) {
        return operations.stream().map(operation -> {
            if (!operation.hasCreateTable()) {
                return operation;
            }
            var table = operation.getCreateTable().toBuilder();
            var columns = new ArrayList<>(table.getColumnsList());
            columns.sort(Comparator.comparing(Column::getName));
            return operation.toBuilder().setCreateTable(table.clearColumns().addAllColumns(columns)).build();
        }).toList();
    }

    @Test
    void dropsOnlyTheIndexesTheWorkerCouldNotBuildAndKeepsTheMigrationApplied() {
        ActiveWorkspace workspace = activeWorkspace();
        String objectId = appliedObject(workspace, "machine", "machines");
        String serialId = appliedField(workspace, field(objectId, "serial", "TEXT"));
        JsonNode index = http.post("/rest/metadata/indexes", workspace.token(), Map.of("objectMetadataId", objectId,
                "fieldMetadataIds", List.of(serialId), "isUnique", true)).body().path("data").path("createOneIndex");
        String migrationId = index.path("migrationId").asString();
        String name = index.path("name").asString();

        KAFKA.reportAppliedWithoutIndexes(workspace.id(), migrationId, List.of(name),
                "index " + name + " could not be built: duplicate values");

        await().atMost(PATIENCE).until(() -> http.get("/rest/metadata/indexes/" + index.path("id").asString(),
                workspace.token()).status() == 404);
        JsonNode migration = http.get("/rest/metadata/migrations/" + migrationId, workspace.token()).body()
                .path("data").path("migration");
        assertThat(migration.path("status").asString()).isEqualTo("APPLIED");
        assertThat(migration.path("error").asString()).contains(name);
        assertThat(fieldJson(workspace, serialId).path("migrationStatus").asString()).isEqualTo("APPLIED");
    }

    @Test
    void reconcilesTheWorkspaceAndShowsTheDriftFound() {
        ActiveWorkspace workspace = activeWorkspace();

        var requested = http.post("/rest/metadata/workspaces/" + workspace.id() + "/reconcile", workspace.token(),
                Map.of("repair", true));

        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(202);
        JsonNode migration = requested.body().path("data").path("reconcileWorkspace").path("migration");
        String migrationId = migration.path("id").asString();
        var reconcile = published(migrationId).getOperations(0).getReconcile();
        assertThat(reconcile.getRepair()).isTrue();
        assertThat(reconcile.getExpected(0).hasCreateSchema()).isTrue();
        assertThat(reconcile.getExpectedList()).filteredOn(SchemaOperation::hasCreateTable)
                .extracting(op -> op.getCreateTable().getTable()).contains("person", "company");

        KAFKA.reportApplied(workspace.id(), migrationId, List.of("repaired: missing column person.jobTitle"));

        await().atMost(PATIENCE).until(() -> http.get("/rest/metadata/migrations/" + migrationId, workspace.token())
                .body().path("data").path("migration").path("status").asString(), "APPLIED"::equals);
        assertThat(http.get("/rest/metadata/migrations/" + migrationId, workspace.token()).body().path("data")
                .path("migration").path("drift").get(0).asString()).isEqualTo("repaired: missing column person.jobTitle");
        assertThat(http.post("/rest/metadata/workspaces/" + UUID.randomUUID() + "/reconcile", workspace.token(),
                Map.of()).status()).isEqualTo(404);
    }

    @Test
    void rejectsBadChangesNamingTheRuleAndWritesNothing() {
        ActiveWorkspace workspace = activeWorkspace();
        String personId = objectId(workspace, "person");
        String objectId = appliedObject(workspace, "contract", "contracts");
        String fieldId = appliedField(workspace, field(objectId, "reference", "TEXT"));
        long before = metadataRows(workspace.id());

        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("colour", "red")),
                "colour", "unknown-property");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("isCustom", false)),
                "isCustom", "immutable");
        assertInvalid(http.patch("/rest/metadata/objects/" + objectId, workspace.token(), Map.of("targetTableName",
                "x")), "targetTableName", "immutable");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("name", "select")),
                "name", "reserved-word");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(), Map.of("name", "deletedAt")),
                "name", "reserved-name");
        assertInvalid(http.patch("/rest/metadata/fields/" + fieldId, workspace.token(),
                Map.of("name", "a\"; drop schema public; --")), "name", "camel-case");
        assertInvalid(http.patch("/rest/metadata/objects/" + objectId, workspace.token(),
                Map.of("nameSingular", "order")), "nameSingular", "reserved-word");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), field(personId, "from", "TEXT")),
                "name", "reserved-word");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), field(personId, "nameFirstName", "TEXT")),
                "name", "column-collision");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), field(personId, "a" + "b".repeat(60),
                "EMAILS")), "name", "too-long");
        Map<String, Object> rating = new LinkedHashMap<>(field(personId, "stars", "RATING"));
        rating.put("defaultValue", "'RATING_6'");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), rating), "defaultValue", "type");
        http.patch("/rest/metadata/objects/" + objectId, workspace.token(), Map.of("isActive", false));
        before = metadataRows(workspace.id());
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), Map.of("objectMetadataId", personId,
                "name", "contract", "label", "Contract", "type", "RELATION", "relationCreationPayload",
                Map.of("targetObjectMetadataId", objectId, "type", "MANY_TO_ONE"))),
                "relationCreationPayload.targetObjectMetadataId", "inactive");
        assertInvalid(http.post("/rest/metadata/fields", workspace.token(), Map.of("objectMetadataId", personId,
                "name", "contract", "label", "Contract", "type", "RELATION", "relationCreationPayload",
                Map.of("targetObjectMetadataId", UUID.randomUUID().toString(), "type", "MANY_TO_ONE"))),
                "relationCreationPayload.targetObjectMetadataId", "not-found");
        assertInvalid(http.delete("/rest/metadata/fields/" + fieldId, workspace.token()), "isActive",
                "must-be-inactive");
        assertThat(metadataRows(workspace.id())).isEqualTo(before);
    }

    private String appliedObject(ActiveWorkspace workspace, String nameSingular, String namePlural) {
        JsonNode object = http.post("/rest/metadata/objects", workspace.token(), object(nameSingular, namePlural))
                .body().path("data").path("createOneObject");
        KAFKA.reportApplied(workspace.id(), object.path("migrationId").asString());
        String id = object.path("id").asString();
        await().atMost(PATIENCE).until(() -> objectJson(workspace, id).path("migrationStatus").asString(),
                "APPLIED"::equals);
        return id;
    }

    private String appliedField(ActiveWorkspace workspace, Map<String, Object> request) {
        var created = http.post("/rest/metadata/fields", workspace.token(), request);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        JsonNode field = created.body().path("data").path("createOneField");
        KAFKA.reportApplied(workspace.id(), field.path("migrationId").asString());
        String id = field.path("id").asString();
        await().atMost(PATIENCE).until(() -> fieldJson(workspace, id).path("migrationStatus").asString(),
                "APPLIED"::equals);
        return id;
    }

    private JsonNode objectJson(ActiveWorkspace workspace, String objectId) {
        return http.get("/rest/metadata/objects/" + objectId, workspace.token()).body().path("data").path("object");
    }

    private JsonNode fieldJson(ActiveWorkspace workspace, String fieldId) {
        return http.get("/rest/metadata/fields/" + fieldId, workspace.token()).body().path("data").path("field");
    }

    private static SchemaChangeRequested published(String migrationId) {
        return await().atMost(PATIENCE)
                .until(() -> KAFKA.schemaChange(c -> c.getMigrationId().equals(migrationId)), o -> o.isPresent())
                .orElseThrow();
    }

    private record ActiveWorkspace(String id, String token, String migrationId) {
    }

    private ActiveWorkspace activeWorkspace() {
        UUID user = UUID.randomUUID();
        JsonNode workspace = http.post("/rest/metadata/workspaces", TOKENS.userToken(user),
                Map.of("displayName", "Workspace of " + user)).body().path("data").path("createWorkspace");
        String id = workspace.path("id").asString();
        String migrationId = workspace.path("migration").path("id").asString();
        KAFKA.reportApplied(id, migrationId);
        String token = TOKENS.workspaceToken(user, UUID.fromString(id));
        await().atMost(PATIENCE).until(() -> workspaceStatus(id, token), "ACTIVE"::equals);
        return new ActiveWorkspace(id, token, migrationId);
    }

    private String workspaceStatus(String workspaceId, String token) {
        return http.get("/rest/metadata/workspaces/" + workspaceId, token).body().path("data").path("workspace")
                .path("activationStatus").asString();
    }

    private String objectId(ActiveWorkspace workspace, String nameSingular) {
        for (JsonNode object : http.get("/rest/metadata/objects", workspace.token()).body().path("data")
                .path("objects")) {
            if (object.path("nameSingular").asString().equals(nameSingular)) {
                return object.path("id").asString();
            }
        }
        throw new AssertionError("no object " + nameSingular);
    }

    private long metadataRows(String workspaceId) {
        UUID id = UUID.fromString(workspaceId);
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM core."objectMetadata" WHERE "workspaceId" = ?)
                     + (SELECT count(*) FROM core."fieldMetadata" WHERE "workspaceId" = ?)
                     + (SELECT count(*) FROM core."workspaceMigration" WHERE "workspaceId" = ?)""",
                Long.class, id, id, id);
    }

    private static int indexOf(List<SchemaOperation> operations, Predicate<SchemaOperation> which) {
        for (int i = 0; i < operations.size(); i++) {
            if (which.test(operations.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such operation in " + operations);
    }

    private static Map<String, Object> object(String nameSingular, String namePlural) {
        return Map.of("nameSingular", nameSingular, "namePlural", namePlural, "labelSingular", "Label",
                "labelPlural", "Labels");
    }

    private static Map<String, Object> field(String objectId, String name, String type) {
        return Map.of("objectMetadataId", objectId, "name", name, "label", "Label", "type", type);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.path("fields").forEach(field -> names.add(field.path("name").asString()));
        return names;
    }

    private static JsonNode field(JsonNode object, String name) {
        for (JsonNode field : object.path("fields")) {
            if (field.path("name").asString().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + object.path("nameSingular").asString());
    }

    private static void assertInvalid(MetadataHttp.Response response, String field, String rule) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("errors")).as("errors of %s", response.body())
                .anySatisfy(error -> {
                    assertThat(error.path("field").asString()).isEqualTo(field);
                    if (rule != null) {
                        assertThat(error.path("rule").asString()).isEqualTo(rule);
                    }
                });
    }
}
