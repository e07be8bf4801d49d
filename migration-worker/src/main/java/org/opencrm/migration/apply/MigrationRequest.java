package org.opencrm.migration.apply;

import java.util.List;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;

/** A {@code SchemaChangeRequested} whose envelope has been checked: its ids are UUIDs. */
record MigrationRequest(UUID eventId, UUID workspaceId, UUID migrationId, String schemaName, List<SchemaOperation> operations) {

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
                event.getOperationsList());
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedSchemaChangeException(field + " is not a UUID: \"" + value + "\"", e);
        }
    }
}
