package org.opencrm.metadata;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencrm.embedded.kafka.KafkaTestClient;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;

/** Plays migration-worker and auth-service on Kafka: records what the service publishes, and reports outcomes. */
final class KafkaEvents implements AutoCloseable {

    private final KafkaTestClient kafka = KafkaTestClient.connect(Topics.SCHEMA_CHANGES, Topics.WORKSPACE_EVENTS);

    Optional<SchemaChangeRequested> schemaChange(Predicate<SchemaChangeRequested> matching) {
        return schemaChangeRecords().map(ConsumerRecord::value).filter(matching).findFirst();
    }

    Optional<ConsumerRecord<String, SchemaChangeRequested>> schemaChangeRecord(String migrationId) {
        return schemaChangeRecords().filter(record -> record.value().getMigrationId().equals(migrationId)).findFirst();
    }

    Optional<WorkspaceCreated> workspaceCreated(String workspaceId) {
        return kafka.records(Topics.WORKSPACE_EVENTS, WorkspaceCreated::parseFrom).stream()
                .map(ConsumerRecord::value)
                .filter(event -> event.getWorkspaceId().equals(workspaceId))
                .findFirst();
    }

    /** Reports a migration's outcome as migration-worker would. */
    void reportApplied(String workspaceId, String migrationId) {
        report(SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION).setWorkspaceId(workspaceId)
                .setMigrationId(migrationId).setSuccess(true).build());
    }

    /** Reports a reconcile applied with the drift it found. */
    void reportApplied(String workspaceId, String migrationId, java.util.List<String> drift) {
        report(SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION).setWorkspaceId(workspaceId)
                .setMigrationId(migrationId).setSuccess(true).addAllDrift(drift).build());
    }

    /** Reports a migration applied whose indexes built after its commit could not all be built. */
    void reportAppliedWithoutIndexes(String workspaceId, String migrationId, java.util.List<String> failedIndexes,
            String error) {
        report(SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION).setWorkspaceId(workspaceId)
                .setMigrationId(migrationId).setSuccess(true).setError(error).addAllFailedIndexes(failedIndexes)
                .build());
    }

    void reportFailed(String workspaceId, String migrationId, String error) {
        report(SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION).setWorkspaceId(workspaceId)
                .setMigrationId(migrationId).setSuccess(false).setError(error).build());
    }

    private void report(SchemaChangeApplied event) {
        kafka.send(Topics.SCHEMA_APPLIED, event.getWorkspaceId(), event.toByteArray());
    }

    private Stream<ConsumerRecord<String, SchemaChangeRequested>> schemaChangeRecords() {
        return kafka.records(Topics.SCHEMA_CHANGES, SchemaChangeRequested::parseFrom).stream();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
