package org.opencrm.metadata.migration;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Takes migration-worker's reports of applied or failed migrations, each exactly once. */
@Component
class SchemaAppliedListener {

    static final String CONSUMER = "metadata-service";
    private static final Logger log = LoggerFactory.getLogger(SchemaAppliedListener.class);

    private final ProcessedEvents processedEvents;
    private final MigrationOutcomes outcomes;

    SchemaAppliedListener(ProcessedEvents processedEvents, MigrationOutcomes outcomes) {
        this.processedEvents = processedEvents;
        this.outcomes = outcomes;
    }

    @KafkaListener(topics = Topics.SCHEMA_APPLIED, groupId = CONSUMER)
    @Transactional
    public void onSchemaChangeApplied(byte[] payload) {
        SchemaChangeApplied event;
        UUID eventId;
        UUID workspaceId;
        UUID migrationId;
        try {
            event = SchemaChangeApplied.parseFrom(payload);
            eventId = UUID.fromString(event.getEventId());
            workspaceId = UUID.fromString(event.getWorkspaceId());
            migrationId = UUID.fromString(event.getMigrationId());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            // A malformed message can never succeed: retrying it would only block the partition.
            log.error("Skipping unreadable SchemaChangeApplied message: {}", e.toString());
            return;
        }
        if (!processedEvents.markProcessed(CONSUMER, eventId)) {
            return;
        }
        if (event.getSuccess()) {
            outcomes.applied(workspaceId, migrationId, appliedAt(event), event.getDriftList(),
                    event.getFailedIndexesList(), event.getError().isBlank() ? null : event.getError());
        } else {
            outcomes.failed(workspaceId, migrationId,
                    event.getError().isBlank() ? "the migration failed without a reason" : event.getError(),
                    event.getDriftList());
        }
    }

    private static Instant appliedAt(SchemaChangeApplied event) {
        return event.hasOccurredAt()
                ? Instant.ofEpochSecond(event.getOccurredAt().getSeconds(), event.getOccurredAt().getNanos())
                : Instant.now();
    }
}
