package org.opencrm.metadata.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.field.FieldCatalog;
import org.opencrm.metadata.field.FieldView;
import org.opencrm.metadata.field.StoredObject;
import org.opencrm.metadata.field.StoredObjects;
import org.opencrm.metadata.migration.MetadataUndo;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.schema.FieldColumns;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaEvolutionPlans;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and drops the indexes of a workspace's objects through the metadata API: composite (several fields,
 * in order), unique (partial on live rows, as unique fields are) and GIN. Each is stored in
 * {@code core."indexMetadata"} with its fields in {@code core."indexFieldMetadata"}, and requested from
 * migration-worker; a failed creation deletes the metadata again, a failed drop restores it.
 */
@Component
class IndexChanges {

    static final String LIVE_ROWS = "\"deletedAt\" IS NULL";
    /** PostgreSQL's INDEX_MAX_KEYS. */
    static final int MAX_COLUMNS = 32;
    private static final Set<String> GIN_TYPES = Set.of("RAW_JSON", "ARRAY", "MULTI_SELECT", "TS_VECTOR");

    private static final String INSERT_INDEX = """
            INSERT INTO core."indexMetadata" ("id", "workspaceId", "objectMetadataId", "name", "indexType", "isUnique",
                "indexWhereClause", "isCustom", "workspaceMigrationId")
            VALUES (?, ?, ?, ?, ?, ?, ?, true, ?)""";

    private static final String INSERT_INDEX_FIELD = """
            INSERT INTO core."indexFieldMetadata" ("id", "indexMetadataId", "fieldMetadataId", "order")
            VALUES (?, ?, ?, ?)""";

    /** A deletion's result: the index deleted, and the migration that drops it. */
    record Deleted(UUID id, UUID migrationId, String migrationStatus) {
    }

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final FieldCatalog fields;
    private final IndexCatalog catalog;
    private final MetadataUndo undo;
    private final JdbcTemplate jdbc;

    IndexChanges(WorkspaceMigrations migrations, StoredObjects storedObjects, FieldCatalog fields,
            IndexCatalog catalog, MetadataUndo undo, JdbcTemplate jdbc) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.fields = fields;
        this.catalog = catalog;
        this.undo = undo;
        this.jdbc = jdbc;
    }

    @Transactional
    IndexView create(UUID workspaceId, CreateIndexRequest request) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        if (request.objectMetadataId() == null) {
            throw new InvalidInputException("objectMetadataId", "required", "objectMetadataId is required");
        }
        StoredObject object = storedObjects.load(workspaceId).stream()
                .filter(o -> o.id().equals(request.objectMetadataId())).findFirst()
                .orElseThrow(() -> new NotFoundException("object", request.objectMetadataId()));
        List<Violation> violations = new ArrayList<>();
        if (!object.isActive()) {
            violations.add(new Violation("objectMetadataId", "inactive",
                    "object " + object.definition().nameSingular() + " is not active"));
        }
        if (object.migrationStatus() == MigrationStatus.FAILED) {
            violations.add(new Violation("objectMetadataId", "object-not-created",
                    "the table of object " + object.definition().nameSingular() + " could not be created"));
        }
        IndexMethod method = method(request.indexType(), violations);
        boolean unique = Boolean.TRUE.equals(request.isUnique());
        List<UUID> fieldIds = request.fieldMetadataIds() == null ? List.of() : request.fieldMetadataIds();
        if (fieldIds.isEmpty()) {
            violations.add(new Violation("fieldMetadataIds", "required", "at least one field is required"));
        }
        ObjectDefinition definition = object.definition();
        Map<UUID, FieldView> objectFields = new HashMap<>();
        fields.ofObject(workspaceId, object.id()).forEach(field -> objectFields.put(field.id(), field));
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < fieldIds.size(); i++) {
            String at = "fieldMetadataIds[" + i + "]";
            UUID fieldId = fieldIds.get(i);
            FieldView field = fieldId == null ? null : objectFields.get(fieldId);
            if (field == null) {
                violations.add(new Violation(at, "not-a-field-of-object",
                        "field " + fieldId + " is not a field of object " + definition.nameSingular()));
                continue;
            }
            if (!seen.add(fieldId)) {
                violations.add(new Violation(at, "duplicate", "field " + field.name() + " appears twice"));
                continue;
            }
            if (!field.isActive() || field.migrationStatus() == MigrationStatus.FAILED) {
                violations.add(new Violation(at, "inactive", "field " + field.name() + " is not active"));
                continue;
            }
            FieldDefinition fieldDefinition = definition.allFields().stream()
                    .filter(f -> f.name().equals(field.name())).findFirst().orElseThrow();
            List<String> fieldColumns = FieldColumns.columnNames(definition.tableName(), fieldDefinition);
            if (fieldColumns.isEmpty()) {
                violations.add(new Violation(at, "no-column", "field " + field.name()
                        + " has no column of its own (its relation is held by the other side)"));
            }
            columns.addAll(fieldColumns);
            types.add(field.type());
        }
        if (columns.size() > MAX_COLUMNS) {
            violations.add(new Violation("fieldMetadataIds", "too-many",
                    "an index covers at most " + MAX_COLUMNS + " columns"));
        }
        if (method == IndexMethod.INDEX_METHOD_GIN) {
            if (unique) {
                violations.add(new Violation("isUnique", "unsupported", "a GIN index cannot be unique"));
            }
            if (columns.size() != 1 || !GIN_TYPES.containsAll(types)) {
                violations.add(new Violation("indexType", "unsupported",
                        "a GIN index covers one field of type RAW_JSON, ARRAY, MULTI_SELECT or TS_VECTOR"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }

        UUID indexId = UUID.randomUUID();
        String name = SchemaEvolutionPlans.customIndexName(indexId);
        MetadataUndo.Snapshot snapshot = undo.capture(List.of(), List.of(), List.of())
                .created("indexMetadata", indexId);
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(),
                "create-index " + definition.nameSingular() + " " + String.join(",", columns), true,
                List.of(SchemaEvolutionPlans.createIndex(definition.tableName(), name, columns, unique, method)));
        undo.keep(migrationId, snapshot);
        jdbc.update(INSERT_INDEX, indexId, workspaceId, object.id(), name,
                method == IndexMethod.INDEX_METHOD_GIN ? "GIN" : "BTREE", unique, unique ? LIVE_ROWS : null,
                migrationId);
        for (int i = 0; i < fieldIds.size(); i++) {
            jdbc.update(INSERT_INDEX_FIELD, UUID.randomUUID(), indexId, fieldIds.get(i), i);
        }
        return catalog.find(workspaceId, indexId).orElseThrow();
    }

    @Transactional
    Deleted delete(UUID workspaceId, UUID indexId) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        IndexView index = catalog.find(workspaceId, indexId).orElseThrow(() -> new NotFoundException("index", indexId));
        MetadataUndo.Snapshot snapshot = undo.capture(List.of(), List.of(), List.of(indexId));
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(), "delete-index " + index.name(),
                true, List.of(SchemaEvolutionPlans.dropIndex(index.name())));
        undo.keep(migrationId, snapshot);
        jdbc.update("DELETE FROM core.\"indexMetadata\" WHERE \"workspaceId\" = ? AND \"id\" = ?", workspaceId,
                indexId);
        return new Deleted(indexId, migrationId, "PENDING");
    }

    private static IndexMethod method(String indexType, List<Violation> violations) {
        if (indexType == null || indexType.equals("BTREE")) {
            return IndexMethod.INDEX_METHOD_BTREE;
        }
        if (indexType.equals("GIN")) {
            return IndexMethod.INDEX_METHOD_GIN;
        }
        violations.add(new Violation("indexType", "unknown-index-type", "'" + indexType + "' is neither BTREE nor GIN"));
        return IndexMethod.INDEX_METHOD_BTREE;
    }
}
