package org.opencrm.dataapi.importing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.record.RecordCopyRows;
import org.opencrm.dataapi.record.RecordStructs;
import org.opencrm.outbox.Outbox;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChangeBatch;
import org.opencrm.proto.records.v1.RecordChanged;

/**
 * Writes a {@code RecordChanged} (created) for every imported record, packed into {@code RecordChangeBatch} messages
 * of at most {@code event-batch-records} changes and {@code event-batch-bytes}, in the transaction of the chunk that
 * copied the records. A million rows make a few thousand outbox rows, not a million: the relay, which sends one
 * table's rows in order for every workspace, is never held up behind an import for long.
 */
class ImportEvents {

    /** Room for the batch's own fields and each change's length prefix. */
    private static final int ENVELOPE_BYTES = 128;
    private static final int CHANGE_OVERHEAD_BYTES = 6;

    private final Outbox outbox;
    private final long maxBytes;
    private final int maxRecords;

    ImportEvents(Outbox outbox, ImportProperties properties) {
        this.outbox = outbox;
        this.maxBytes = properties.eventBatchBytes().toBytes();
        this.maxRecords = properties.eventBatchRecords();
    }

    /** The created event of one imported record, built while the chunk before it is being copied. */
    RecordChanged created(UUID workspaceId, ObjectModel object, RecordCopyRows.CopyRow row, Timestamp occurredAt) {
        return RecordChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(occurredAt)
                .setWorkspaceId(workspaceId.toString())
                .setObjectMetadataId(object.id().toString())
                .setObjectNameSingular(object.nameSingular())
                .setObjectNamePlural(object.namePlural())
                .setRecordId(row.id().toString())
                .setAction(RecordAction.RECORD_ACTION_CREATED)
                .setAfter(RecordStructs.toStruct(row.record()))
                .build();
    }

    static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }

    /** Appends the changes in batches; must run inside the transaction of the chunk that copied their records. */
    void append(UUID jobId, UUID workspaceId, List<RecordChanged> changes) {
        Timestamp occurredAt = timestamp(Instant.now());
        RecordChangeBatch.Builder batch = null;
        long bytes = 0;
        for (RecordChanged change : changes) {
            long size = change.getSerializedSize() + CHANGE_OVERHEAD_BYTES;
            if (batch != null && (batch.getChangesCount() >= maxRecords || bytes + size > maxBytes)) {
                append(batch, workspaceId);
                batch = null;
            }
            if (batch == null) {
                batch = RecordChangeBatch.newBuilder()
                        .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                        .setOccurredAt(occurredAt)
                        .setWorkspaceId(workspaceId.toString())
                        .setImportJobId(jobId.toString());
                bytes = ENVELOPE_BYTES;
            }
            batch.addChanges(change);
            bytes += size;
        }
        if (batch != null) {
            append(batch, workspaceId);
        }
    }

    private void append(RecordChangeBatch.Builder batch, UUID workspaceId) {
        UUID eventId = UUID.randomUUID();
        batch.setEventId(eventId.toString());
        outbox.append(Topics.RECORD_CHANGES, workspaceId.toString(), eventId, batch.build());
    }
}
