package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.DependantsException;
import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.migration.MetadataUndo;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaEvolutionPlans;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code DELETE /rest/metadata/fields/{id}}: as in Twenty, only a custom field, and only once deactivated; a
 * relation goes with both its sides. The indexes created on the field are its dependants: the deletion is refused
 * listing them (409) unless {@code cascade=true} asks to drop them with it, so no DDL ever fails half way on them.
 */
@Component
class FieldDeletion {

    private static final String DEPENDENT_INDEXES = """
            SELECT DISTINCT i."id", i."name"
            FROM core."indexMetadata" i JOIN core."indexFieldMetadata" f ON f."indexMetadataId" = i."id"
            WHERE i."workspaceId" = ? AND f."fieldMetadataId" = ANY(?)
            ORDER BY i."name"
            """;

    /** A deletion's result: what was deleted, and the migration that drops its columns. */
    record Deleted(UUID id, UUID migrationId, String migrationStatus) {
    }

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final FieldCatalog catalog;
    private final MetadataUndo undo;
    private final JdbcTemplate jdbc;

    FieldDeletion(WorkspaceMigrations migrations, StoredObjects storedObjects, FieldCatalog catalog, MetadataUndo undo,
            JdbcTemplate jdbc) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.catalog = catalog;
        this.undo = undo;
        this.jdbc = jdbc;
    }

    @Transactional
    Deleted delete(UUID workspaceId, UUID fieldId, boolean cascade) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        FieldView field = catalog.find(workspaceId, fieldId).orElseThrow(() -> new NotFoundException("field", fieldId));
        if (!field.isCustom()) {
            throw new InvalidInputException("id", "standard-field",
                    "field " + field.name() + " is a standard field; standard fields cannot be deleted");
        }
        if (field.isActive()) {
            throw new InvalidInputException("isActive", "must-be-inactive",
                    "field " + field.name() + " must be deactivated (isActive false) before it is deleted");
        }
        List<FieldView> sides = new ArrayList<>(List.of(field));
        sides.addAll(catalog.otherRelationSides(workspaceId, field));
        List<UUID> fieldIds = sides.stream().map(FieldView::id).toList();
        List<String> active = sides.stream().filter(FieldView::isActive).map(FieldView::name).toList();
        if (!active.isEmpty()) {
            // Deactivating one field of a relation deactivates them all; one still active predates that.
            throw new InvalidInputException("isActive", "must-be-inactive", "the fields of the relation "
                    + active + " must be deactivated (isActive false) before it is deleted");
        }
        Map<UUID, String> indexes = dependentIndexes(workspaceId, fieldIds);
        if (!indexes.isEmpty() && !cascade) {
            throw new DependantsException("field " + field.name() + " is used by " + indexes.size()
                    + " index(es); drop them first or ask for cascade=true",
                    indexes.values().stream().map(name -> "index " + name).toList());
        }

        List<StoredObject> objects = storedObjects.load(workspaceId);
        List<ObjectDefinition> definitions = objects.stream().map(StoredObject::definition).toList();
        for (FieldView side : sides) {
            ObjectDefinition owner = owner(objects, side);
            if (owner.searchFields().contains(side.name())) {
                // The generated search vector reads the field's columns; DropColumn does not cascade to it.
                throw new DependantsException("field " + side.name() + " feeds the search vector of "
                        + owner.nameSingular() + "; it cannot be deleted",
                        List.of("search vector " + owner.tableName() + "." + SystemFields.SEARCH_VECTOR));
            }
        }
        List<SchemaOperation> plan = new ArrayList<>();
        indexes.values().forEach(name -> plan.add(SchemaEvolutionPlans.dropIndex(name)));
        for (FieldView side : sides) {
            ObjectDefinition owner = owner(objects, side);
            FieldDefinition definition = owner.field(side.name()).orElseThrow();
            plan.addAll(SchemaEvolutionPlans.dropField(owner, definition, definitions));
        }
        MetadataUndo.Snapshot snapshot = undo.capture(List.of(), fieldIds, indexes.keySet());
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(), "delete-field "
                + field.name(), true, plan);
        undo.keep(migrationId, snapshot);
        if (!indexes.isEmpty()) {
            jdbc.update("DELETE FROM core.\"indexMetadata\" WHERE \"id\" = ANY(?)",
                    (Object) indexes.keySet().toArray(UUID[]::new));
        }
        jdbc.update("DELETE FROM core.\"fieldMetadata\" WHERE \"workspaceId\" = ? AND \"id\" = ANY(?)", workspaceId,
                fieldIds.toArray(UUID[]::new));
        return new Deleted(fieldId, migrationId, "PENDING");
    }

    private static ObjectDefinition owner(List<StoredObject> objects, FieldView field) {
        return objects.stream().filter(o -> o.id().equals(field.objectMetadataId())).findFirst().orElseThrow()
                .definition();
    }

    private Map<UUID, String> dependentIndexes(UUID workspaceId, List<UUID> fieldIds) {
        Map<UUID, String> indexes = new LinkedHashMap<>();
        jdbc.query(DEPENDENT_INDEXES, rs -> {
            indexes.put(rs.getObject("id", UUID.class), rs.getString("name"));
        }, workspaceId, fieldIds.toArray(UUID[]::new));
        return indexes;
    }
}
