package org.opencrm.metadata.migration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.api.WorkspaceNotActiveException;
import org.opencrm.outbox.Outbox;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records requested schema changes and hands them to migration-worker through the outbox. */
@Component
public class WorkspaceMigrations {

    private static final String LOCK_WORKSPACE = """
            SELECT w."schemaName", w."activationStatus", d."id" AS "dataSourceId"
            FROM core."workspace" w JOIN core."dataSource" d ON d."workspaceId" = w."id"
            WHERE w."id" = ?
            FOR UPDATE OF w""";

    private static final String INSERT_MIGRATION = """
            INSERT INTO core."workspaceMigration" ("id", "workspaceId", "name", "isCustom", "request", "status", "createdAt")
            VALUES (?, ?, ?, ?, ?, 'PENDING', ?)""";

    private static final String LATEST_MIGRATION = """
            SELECT "id" FROM core."workspaceMigration" WHERE "workspaceId" = ? ORDER BY "sequence" DESC LIMIT 1""";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    WorkspaceMigrations(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Locks the workspace for the rest of the transaction, so that its schema changes are validated and queued
     * one at a time (name checks see every earlier change, and events leave in commit order).
     *
     * @throws NotFoundException if the workspace does not exist
     * @throws WorkspaceNotActiveException unless the workspace is ACTIVE
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SchemaChangeTarget lockActiveWorkspace(UUID workspaceId) {
        List<SchemaChangeTarget> found = jdbc.query(LOCK_WORKSPACE, (rs, row) -> {
            String status = rs.getString("activationStatus");
            if (!"ACTIVE".equals(status)) {
                throw new WorkspaceNotActiveException(workspaceId, status);
            }
            return new SchemaChangeTarget(workspaceId, rs.getString("schemaName"), rs.getObject("dataSourceId", UUID.class));
        }, workspaceId);
        if (found.isEmpty()) {
            throw new NotFoundException("workspace", workspaceId);
        }
        return found.getFirst();
    }

    /**
     * Records a migration as PENDING and queues its {@code SchemaChangeRequested} event, both in the caller's
     * transaction. The event names the workspace's migration requested before it, so migration-worker applies them
     * in the order they were requested even if a failed send to Kafka reorders them.
     *
     * @param name what the migration does, for people reading {@code core."workspaceMigration"}
     * @param custom whether a user asked for it (false for the standard objects of a new workspace)
     * @return the migration's id, to be stored with the metadata it creates
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID request(UUID workspaceId, String schemaName, String name, boolean custom,
            List<SchemaOperation> operations) {
        UUID migrationId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        // The caller holds the workspace's lock: no other migration of it is being requested meanwhile.
        String previous = jdbc.queryForList(LATEST_MIGRATION, String.class, workspaceId).stream().findFirst().orElse("");
        SchemaChangeRequested event = SchemaChangeRequested.newBuilder()
                .setPreviousMigrationId(previous)
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(workspaceId.toString())
                .setMigrationId(migrationId.toString())
                .setSchemaName(schemaName)
                .addAllOperations(operations)
                .build();
        jdbc.update(INSERT_MIGRATION, migrationId, workspaceId, name, custom, event.toByteArray(),
                java.sql.Timestamp.from(now));
        outbox.append(Topics.SCHEMA_CHANGES, workspaceId.toString(), eventId, event);
        return migrationId;
    }
}
