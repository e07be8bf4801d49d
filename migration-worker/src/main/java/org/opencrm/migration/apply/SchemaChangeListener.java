package org.opencrm.migration.apply;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencrm.proto.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes schema-change requests. The key is the workspace id, so one workspace's migrations arrive in order on
 * one partition; the offset is committed after each record, once its outcome is committed in the database.
 */
@Component
class SchemaChangeListener {

    private static final String LISTENER_ID = "schema-changes";

    private final MigrationApplier applier;

    SchemaChangeListener(MigrationApplier applier) {
        this.applier = applier;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.SCHEMA_CHANGES, groupId = MigrationLedger.CONSUMER)
    void onSchemaChange(ConsumerRecord<String, byte[]> record) {
        applier.apply(MigrationRequest.parse(record.value()));
    }
}
