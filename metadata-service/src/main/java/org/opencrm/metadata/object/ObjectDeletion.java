package org.opencrm.metadata.object;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.DependantsException;
import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.field.FieldCatalog;
import org.opencrm.metadata.field.FieldView;
import org.opencrm.metadata.field.StoredObject;
import org.opencrm.metadata.field.StoredObjects;
import org.opencrm.metadata.migration.MetadataUndo;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaEvolutionPlans;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code DELETE /rest/metadata/objects/{id}}: as in Twenty, only a custom object, and only once deactivated. Its
 * table goes, and with it every relation to it: the fields of other objects pointing at it, their columns, foreign
 * keys and the indexes created on them.
 */
@Component
class ObjectDeletion {

    private static final String INDEXES = """
            SELECT DISTINCT i."id", i."name"
            FROM core."indexMetadata" i LEFT JOIN core."indexFieldMetadata" f ON f."indexMetadataId" = i."id"
            WHERE i."workspaceId" = ? AND (i."objectMetadataId" = ? OR f."fieldMetadataId" = ANY(?))
            ORDER BY i."name"
            """;

    /** A deletion's result: what was deleted, and the migration that drops its table. */
    record Deleted(UUID id, UUID migrationId, String migrationStatus) {
    }

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final ObjectCatalog catalog;
    private final FieldCatalog fields;
    private final MetadataUndo undo;
    private final JdbcTemplate jdbc;

    ObjectDeletion(WorkspaceMigrations migrations, StoredObjects storedObjects, ObjectCatalog catalog,
            FieldCatalog fields, MetadataUndo undo, JdbcTemplate jdbc) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.catalog = catalog;
        this.fields = fields;
        this.undo = undo;
        this.jdbc = jdbc;
    }

    @Transactional
    Deleted delete(UUID workspaceId, UUID objectId) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        ObjectView object = catalog.find(workspaceId, objectId)
                .orElseThrow(() -> new NotFoundException("object", objectId));
        if (!object.isCustom()) {
            throw new InvalidInputException("id", "standard-object",
                    "object " + object.nameSingular() + " is a standard object; standard objects cannot be deleted");
        }
        if (object.isActive()) {
            throw new InvalidInputException("isActive", "must-be-inactive",
                    "object " + object.nameSingular() + " must be deactivated (isActive false) before it is deleted");
        }
        List<StoredObject> objects = storedObjects.load(workspaceId);
        List<ObjectDefinition> definitions = objects.stream().map(StoredObject::definition).toList();
        ObjectDefinition definition = objects.stream().filter(o -> o.id().equals(objectId)).findFirst().orElseThrow()
                .definition();
        // A morph relation of another object keeps a column per target: dropping one target would leave it
        // pointing at a table that is gone, so the morph relation goes first.
        List<String> morphsOnIt = new ArrayList<>();
        for (StoredObject other : objects) {
            if (other.id().equals(objectId)) {
                continue;
            }
            for (FieldDefinition field : other.definition().fields()) {
                if (field.type() instanceof FieldType.MorphRelation morph
                        && morph.targetObjects().contains(definition.nameSingular())) {
                    morphsOnIt.add("field " + other.definition().nameSingular() + "." + field.name());
                }
            }
        }
        if (!morphsOnIt.isEmpty()) {
            throw new DependantsException("object " + object.nameSingular() + " is a target of " + morphsOnIt.size()
                    + " morph relation(s); delete them first", morphsOnIt);
        }
        List<FieldView> all = fields.all(workspaceId);
        List<FieldView> pointingAtIt = all.stream()
                .filter(f -> !f.objectMetadataId().equals(objectId) && f.relation() != null
                        && f.relation().targetObjectMetadataId().equals(objectId))
                .toList();
        Map<FieldDefinition, ObjectDefinition> holdingColumns = new LinkedHashMap<>();
        for (FieldView field : pointingAtIt) {
            ObjectDefinition owner = objects.stream().filter(o -> o.id().equals(field.objectMetadataId()))
                    .findFirst().orElseThrow().definition();
            holdingColumns.put(owner.field(field.name()).orElseThrow(), owner);
        }
        List<UUID> ownFieldIds = all.stream().filter(f -> f.objectMetadataId().equals(objectId)).map(FieldView::id)
                .toList();
        List<UUID> pointingIds = pointingAtIt.stream().map(FieldView::id).toList();
        Map<UUID, String> indexes = new LinkedHashMap<>();
        jdbc.query(INDEXES, rs -> {
            indexes.put(rs.getObject("id", UUID.class), rs.getString("name"));
        }, workspaceId, objectId, pointingIds.toArray(UUID[]::new));

        List<SchemaOperation> plan = new ArrayList<>();
        indexes.values().forEach(name -> plan.add(SchemaEvolutionPlans.dropIndex(name)));
        plan.addAll(SchemaEvolutionPlans.dropObject(definition, holdingColumns, definitions));
        List<UUID> fieldIds = new ArrayList<>(ownFieldIds);
        fieldIds.addAll(pointingIds);
        MetadataUndo.Snapshot snapshot = undo.capture(List.of(objectId), fieldIds, indexes.keySet());
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(),
                "delete-object " + object.nameSingular(), true, plan);
        undo.keep(migrationId, snapshot);
        if (!indexes.isEmpty()) {
            jdbc.update("DELETE FROM core.\"indexMetadata\" WHERE \"id\" = ANY(?)",
                    (Object) indexes.keySet().toArray(UUID[]::new));
        }
        jdbc.update("DELETE FROM core.\"fieldMetadata\" WHERE \"workspaceId\" = ? AND \"id\" = ANY(?)", workspaceId,
                pointingIds.toArray(UUID[]::new));
        jdbc.update("DELETE FROM core.\"objectMetadata\" WHERE \"workspaceId\" = ? AND \"id\" = ?", workspaceId,
                objectId);
        return new Deleted(objectId, migrationId, "PENDING");
    }
}
