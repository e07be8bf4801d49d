package org.opencrm.dataapi.model;

import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Drops a workspace's cached model when a schema change of it was applied. Every instance hears every event (a group
 * of its own), from the latest offset: a model cached before the instance started cannot exist.
 */
class SchemaAppliedListener {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaAppliedListener.class);

    private final WorkspaceDataModels models;

    SchemaAppliedListener(WorkspaceDataModels models) {
        this.models = models;
    }

    @KafkaListener(topics = Topics.SCHEMA_APPLIED, containerFactory = DataModelConfiguration.LISTENER_FACTORY)
    void onSchemaApplied(byte[] payload) {
        try {
            SchemaChangeApplied event = SchemaChangeApplied.parseFrom(payload);
            models.invalidate(UUID.fromString(event.getWorkspaceId()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            // A message nobody can read invalidates nothing; retrying it would not make it readable.
            LOG.warn("Ignoring an unreadable {} message: {}", Topics.SCHEMA_APPLIED, e.getMessage());
        }
    }
}
