package org.opencrm.metadata.workspace;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.metadata.migration.MigrationView;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.metadata.object.ObjectMetadataWriter;
import org.opencrm.outbox.Outbox;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.StandardObjects;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates a workspace in one transaction: the workspace (PENDING_CREATION), its data source, the standard
 * objects' metadata, the migration that creates its schema, and the events telling migration-worker and
 * auth-service. The schema itself is created asynchronously; {@link WorkspaceActivation} records the outcome.
 */
@Component
class WorkspaceProvisioning {

    static final String CREATION_MIGRATION = "create-workspace";
    static final int MAX_DISPLAY_NAME_LENGTH = 100;

    private static final String INSERT_WORKSPACE = """
            INSERT INTO core."workspace" ("id", "displayName", "activationStatus", "schemaName", "creatorUserId",
                "createdAt", "updatedAt")
            VALUES (?, ?, 'PENDING_CREATION', ?, ?, ?, ?)""";

    private static final String INSERT_DATA_SOURCE = """
            INSERT INTO core."dataSource" ("id", "workspaceId", "schema", "cluster", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final WorkspaceMigrations migrations;
    private final ObjectMetadataWriter objects;
    private final Outbox outbox;
    private final WorkspaceProperties properties;
    // The same for every workspace (the schema is named in the event, not in the operations): planned once.
    private final List<ObjectDefinition> standardObjects = StandardObjects.all();
    private final List<SchemaOperation> standardPlan = SchemaPlans.createWorkspace(standardObjects);

    WorkspaceProvisioning(JdbcTemplate jdbc, WorkspaceMigrations migrations, ObjectMetadataWriter objects,
            Outbox outbox, WorkspaceProperties properties) {
        this.jdbc = jdbc;
        this.migrations = migrations;
        this.objects = objects;
        this.outbox = outbox;
        this.properties = properties;
    }

    @Transactional
    WorkspaceView create(UUID creatorUserId, CreateWorkspaceRequest request) {
        String displayName = validDisplayName(request.displayName());
        UUID workspaceId = UUID.randomUUID();
        UUID dataSourceId = UUID.randomUUID();
        String schemaName = WorkspaceSchemaName.of(workspaceId);
        Instant now = Instant.now();
        Timestamp createdAt = Timestamp.from(now);

        jdbc.update(INSERT_WORKSPACE, workspaceId, displayName, schemaName, creatorUserId, createdAt, createdAt);
        jdbc.update(INSERT_DATA_SOURCE, dataSourceId, workspaceId, schemaName, properties.defaultCluster(),
                createdAt, createdAt);
        UUID migrationId = migrations.request(workspaceId, schemaName, CREATION_MIGRATION, false, standardPlan);
        objects.write(new SchemaChangeTarget(workspaceId, schemaName, dataSourceId), migrationId, standardObjects,
                Map.of());
        UUID eventId = UUID.randomUUID();
        outbox.append(Topics.WORKSPACE_EVENTS, workspaceId.toString(), eventId, WorkspaceCreated.newBuilder()
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(workspaceId.toString())
                .setCreatorUserId(creatorUserId.toString())
                .setDisplayName(displayName)
                .build());
        MigrationView migration = new MigrationView(migrationId, workspaceId, CREATION_MIGRATION,
                MigrationStatus.PENDING, null, null, now);
        return new WorkspaceView(workspaceId, displayName, "PENDING_CREATION", schemaName, creatorUserId, now,
                migration);
    }

    static String validDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("displayName", "required", "displayName is required");
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw new InvalidInputException("displayName", "too-long",
                    "displayName is longer than " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        return trimmed;
    }
}
