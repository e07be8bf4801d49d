package org.opencrm.dataapi.record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import org.opencrm.outbox.Outbox;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;

import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link RecordChanged} for each record write into the outbox, in the transaction of the write. */
class RecordEvents {

    private final Outbox outbox;

    RecordEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param before the record before the write, null for a creation
     * @param after  the record after the write, null for a destruction
     */
    void changed(RecordTable table, RecordAction action, ObjectNode before, ObjectNode after,
            List<String> updatedFields) {
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        ObjectNode record = after != null ? after : before;
        RecordChanged.Builder event = RecordChanged.newBuilder()
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(table.workspaceId().toString())
                .setObjectMetadataId(table.object().id().toString())
                .setObjectNameSingular(table.object().nameSingular())
                .setObjectNamePlural(table.object().namePlural())
                .setRecordId(record.path("id").asString())
                .setAction(action)
                .addAllUpdatedFields(updatedFields);
        if (before != null) {
            event.setBefore(RecordStructs.toStruct(before));
        }
        if (after != null) {
            event.setAfter(RecordStructs.toStruct(after));
        }
        outbox.append(Topics.RECORD_CHANGES, table.workspaceId().toString(), eventId, event.build());
    }
}
