package org.opencrm.metadata.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.api.PatchBody;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.field.StoredObject;
import org.opencrm.metadata.field.StoredObjects;
import org.opencrm.metadata.migration.MetadataUndo;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.NameRules;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaEvolutionPlans;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /rest/metadata/objects/{id}}: labels, description, icon and isActive are metadata only; a new
 * nameSingular renames the table and every name derived from it (a new namePlural alone changes no table). As in
 * Twenty, a standard object keeps its names. If the rename fails, {@link MetadataUndo} puts the object back.
 */
@Component
class ObjectUpdate {

    static final Set<String> MUTABLE = Set.of("nameSingular", "namePlural", "labelSingular", "labelPlural",
            "description", "icon", "isActive");
    static final Set<String> IMMUTABLE = Set.of("id", "isCustom", "isSystem", "targetTableName", "fields",
            "dataSourceId", "workspaceId", "migrationStatus", "migrationId", "migrationError", "createdAt",
            "updatedAt");

    private static final String UPDATE = """
            UPDATE core."objectMetadata"
            SET "nameSingular" = ?, "namePlural" = ?, "labelSingular" = ?, "labelPlural" = ?, "description" = ?,
                "icon" = ?, "isActive" = ?, "targetTableName" = ?, "workspaceMigrationId" = ?, "updatedAt" = now()
            WHERE "id" = ? AND "workspaceId" = ?""";

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final ObjectCatalog catalog;
    private final MetadataUndo undo;
    private final JdbcTemplate jdbc;

    ObjectUpdate(WorkspaceMigrations migrations, StoredObjects storedObjects, ObjectCatalog catalog, MetadataUndo undo,
            JdbcTemplate jdbc) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.catalog = catalog;
        this.undo = undo;
        this.jdbc = jdbc;
    }

    @Transactional
    ObjectView update(UUID workspaceId, UUID objectId, JsonNode body) {
        PatchBody patch = PatchBody.of(body, MUTABLE, IMMUTABLE);
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        ObjectView stored = catalog.find(workspaceId, objectId)
                .orElseThrow(() -> new NotFoundException("object", objectId));
        List<StoredObject> objects = storedObjects.load(workspaceId);
        ObjectDefinition before = objects.stream().filter(o -> o.id().equals(objectId)).findFirst().orElseThrow()
                .definition();

        List<Violation> violations = new ArrayList<>();
        String nameSingular = patch.has("nameSingular") ? patch.text("nameSingular") : stored.nameSingular();
        String namePlural = patch.has("namePlural") ? patch.text("namePlural") : stored.namePlural();
        boolean renamed = !nameSingular.equals(stored.nameSingular()) || !namePlural.equals(stored.namePlural());
        if (renamed && !stored.isCustom()) {
            violations.add(new Violation(patch.has("nameSingular") ? "nameSingular" : "namePlural", "standard-object",
                    "object " + stored.nameSingular() + " is a standard object; its names cannot change"));
        } else if (renamed && stored.migrationStatus() == MigrationStatus.FAILED) {
            violations.add(new Violation("id", "object-not-created",
                    "the table of object " + stored.nameSingular() + " could not be created; delete it instead"));
        } else if (renamed) {
            List<ObjectDefinition> others = objects.stream().filter(o -> !o.id().equals(objectId))
                    .map(StoredObject::definition).toList();
            NameRules.validateObjectNames(nameSingular, namePlural, others)
                    .forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
        }
        String labelSingular = patch.has("labelSingular") ? label(patch, "labelSingular", violations)
                : stored.labelSingular();
        String labelPlural = patch.has("labelPlural") ? label(patch, "labelPlural", violations) : stored.labelPlural();
        String description = patch.has("description") ? patch.nullableText("description") : stored.description();
        String icon = patch.has("icon") ? patch.nullableText("icon") : stored.icon();
        boolean isActive = patch.has("isActive") ? patch.bool("isActive") : stored.isActive();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }

        ObjectDefinition after = new ObjectDefinition(nameSingular, namePlural, labelSingular, labelPlural,
                description, before.custom(), before.fields(), before.searchFields());
        List<SchemaOperation> plan = SchemaEvolutionPlans.renameObject(before, after,
                objects.stream().map(StoredObject::definition).toList());
        UUID migrationId = stored.migrationId();
        if (!plan.isEmpty()) {
            MetadataUndo.Snapshot snapshot = undo.capture(List.of(objectId), List.of(), List.of());
            migrationId = migrations.request(workspaceId, workspace.schemaName(),
                    "rename-object " + stored.nameSingular() + " to " + nameSingular, true, plan);
            undo.keep(migrationId, snapshot);
        }
        jdbc.update(UPDATE, nameSingular, namePlural, labelSingular, labelPlural, description, icon, isActive,
                after.tableName(), migrationId, objectId, workspaceId);
        return catalog.find(workspaceId, objectId).orElseThrow();
    }

    private static String label(PatchBody patch, String property, List<Violation> violations) {
        String label = patch.text(property);
        if (label.isBlank()) {
            violations.add(new Violation(property, "required", property + " is required"));
        } else if (label.length() > ObjectCreation.MAX_LABEL_LENGTH) {
            violations.add(new Violation(property, "too-long",
                    property + " is longer than " + ObjectCreation.MAX_LABEL_LENGTH + " characters"));
        }
        return label;
    }
}
