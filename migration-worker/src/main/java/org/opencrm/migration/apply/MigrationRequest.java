package org.opencrm.migration.apply;

import java.util.List;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;

/**
 * A {@code SchemaChangeRequested} whose envelope has been checked: its ids are UUIDs.
 *
 * @param previousMigrationId the workspace's migration requested before this one; null for its first
 * @param payload the event as it was received, to be kept while the migration waits for that one
 */
record MigrationRequest(UUID eventId, UUID workspaceId, UUID migrationId, String schemaName, List<SchemaOperation> operations,
        UUID previousMigrationId, byte[] payload) {

    static MigrationRequest parse(byte[] payload) {
        if (payload == null) {
            throw new MalformedSchemaChangeException("the record has no value", null);
        }
        try {
            return of(SchemaChangeRequested.parseFrom(payload));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedSchemaChangeException("the record is not a SchemaChangeRequested", e);
        }
    }

    static MigrationRequest of(SchemaChangeRequested event) {
        return new MigrationRequest(
                uuid(event.getEventId(), "event_id"),
                uuid(event.getWorkspaceId(), "workspace_id"),
                uuid(event.getMigrationId(), "migration_id"),
                event.getSchemaName(),
                event.getOperationsList(),
                event.getPreviousMigrationId().isEmpty() ? null : uuid(event.getPreviousMigrationId(), "previous_migration_id"),
                event.toByteArray());
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedSchemaChangeException(field + " is not a UUID: \"" + value + "\"", e);
        }
    }
}
