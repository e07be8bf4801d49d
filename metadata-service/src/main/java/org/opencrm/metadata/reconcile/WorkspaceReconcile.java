package org.opencrm.metadata.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.field.StoredObject;
import org.opencrm.metadata.field.StoredObjects;
import org.opencrm.metadata.migration.MigrationLog;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.metadata.migration.MigrationView;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.FieldColumns;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaEvolutionPlans;
import org.opencrm.schema.SchemaPlans;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks migration-worker to compare a workspace's schema with its metadata: the expected plan is the one a fresh
 * workspace of the same metadata would get (every object whose table was created, and the indexes created through
 * the API), sent in one {@code Reconcile} operation. The differences come back as the migration's {@code drift}.
 */
@Component
class WorkspaceReconcile {

    private static final String CUSTOM_INDEXES = """
            SELECT i."name", i."indexType", i."isUnique", o."id" AS "objectId", f."name" AS "fieldName"
            FROM core."indexMetadata" i
            JOIN core."workspaceMigration" m ON m."id" = i."workspaceMigrationId"
            JOIN core."objectMetadata" o ON o."id" = i."objectMetadataId"
            JOIN core."indexFieldMetadata" x ON x."indexMetadataId" = i."id"
            JOIN core."fieldMetadata" f ON f."id" = x."fieldMetadataId"
            WHERE i."workspaceId" = ? AND m."status" = 'APPLIED'
            ORDER BY i."createdAt", i."name", x."order"
            """;

    private record CustomIndex(String name, boolean gin, boolean unique, UUID objectId, List<String> fields) {
    }

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final MigrationLog log;
    private final JdbcTemplate jdbc;

    WorkspaceReconcile(WorkspaceMigrations migrations, StoredObjects storedObjects, MigrationLog log,
            JdbcTemplate jdbc) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.log = log;
        this.jdbc = jdbc;
    }

    @Transactional
    MigrationView reconcile(UUID workspaceId, boolean repair) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        List<StoredObject> created = storedObjects.load(workspaceId).stream()
                .filter(object -> object.migrationStatus() != MigrationStatus.FAILED)
                .toList();
        List<ObjectDefinition> definitions = created.stream().map(StoredObject::definition).toList();
        List<SchemaOperation> expected = new ArrayList<>(SchemaPlans.createWorkspace(definitions));
        for (CustomIndex index : customIndexes(workspaceId)) {
            created.stream().filter(object -> object.id().equals(index.objectId())).findFirst().ifPresent(object -> {
                ObjectDefinition definition = object.definition();
                List<String> columns = index.fields().stream()
                        .flatMap(name -> definition.allFields().stream().filter(f -> f.name().equals(name)))
                        .flatMap(field -> FieldColumns.columnNames(definition.tableName(), field).stream())
                        .toList();
                expected.add(SchemaEvolutionPlans.createIndex(definition.tableName(), index.name(), columns,
                        index.unique(), index.gin() ? IndexMethod.INDEX_METHOD_GIN : IndexMethod.INDEX_METHOD_BTREE));
            });
        }
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(),
                repair ? "reconcile-repair" : "reconcile", false,
                List.of(SchemaEvolutionPlans.reconcile(expected, repair)));
        return log.findVisible(migrationId, workspaceId, null).orElseThrow();
    }

    private List<CustomIndex> customIndexes(UUID workspaceId) {
        Map<String, CustomIndex> indexes = new LinkedHashMap<>();
        jdbc.query(CUSTOM_INDEXES, rs -> {
            String name = rs.getString("name");
            indexes.computeIfAbsent(name, key -> new CustomIndex(key, false, false, null, new ArrayList<>()));
            CustomIndex index = indexes.get(name);
            if (index.objectId() == null) {
                index = new CustomIndex(name, "GIN".equals(rs.getString("indexType")), rs.getBoolean("isUnique"),
                        rs.getObject("objectId", UUID.class), index.fields());
                indexes.put(name, index);
            }
            index.fields().add(rs.getString("fieldName"));
        }, workspaceId);
        return List.copyOf(indexes.values());
    }
}
