package org.opencrm.dataapi.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import org.opencrm.outbox.Outbox;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.schema.SystemFields;

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
        changed(table, List.of(new Change(action, before, after, updatedFields)));
    }

    /** The events of one statement's records, written to the outbox as one batch. */
    void changed(RecordTable table, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<Outbox.Event> batch = new ArrayList<>(changes.size());
        for (Change change : changes) {
            UUID eventId = UUID.randomUUID();
            batch.add(new Outbox.Event(eventId, event(table, change, eventId, now)));
        }
        outbox.appendAll(Topics.RECORD_CHANGES, table.workspaceId().toString(), batch);
    }

    /**
     * One record's change.
     *
     * @param before the record before the write, null for a creation
     * @param after  the record after the write, null for a destruction
     */
    record Change(RecordAction action, ObjectNode before, ObjectNode after, List<String> updatedFields) {
    }

    private static RecordChanged event(RecordTable table, Change change, UUID eventId, Instant now) {
        ObjectNode before = change.before();
        ObjectNode after = change.after();
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
                .setAction(change.action())
                .addAllUpdatedFields(change.updatedFields());
        String workspaceMemberId = record.path(SystemFields.UPDATED_BY).path("workspaceMemberId").asString("");
        if (!workspaceMemberId.isEmpty()) {
            event.setWorkspaceMemberId(workspaceMemberId);
        }
        if (before != null) {
            event.setBefore(RecordStructs.toStruct(before));
        }
        if (after != null) {
            event.setAfter(RecordStructs.toStruct(after));
        }
        return event.build();
    }
}
