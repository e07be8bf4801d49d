package org.opencrm.metadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;

/** Plays migration-worker and auth-service on Kafka: records what the service publishes, and reports outcomes. */
final class KafkaEvents implements AutoCloseable {

    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> received = new ConcurrentLinkedQueue<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;

    KafkaEvents(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "metadata-service-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.SCHEMA_CHANGES, Topics.WORKSPACE_EVENTS));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        Thread.ofPlatform().daemon().name("test-kafka-poller").start(this::poll);
    }

    private void poll() {
        try {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        } catch (WakeupException e) {
            // close() asked the poller to stop
        } finally {
            consumer.close();
        }
    }

    Optional<SchemaChangeRequested> schemaChange(Predicate<SchemaChangeRequested> matching) {
        return received.stream()
                .filter(record -> record.topic().equals(Topics.SCHEMA_CHANGES))
                .map(record -> parse(() -> SchemaChangeRequested.parseFrom(record.value())))
                .filter(matching)
                .findFirst();
    }

    Optional<ConsumerRecord<String, byte[]>> schemaChangeRecord(String migrationId) {
        return received.stream()
                .filter(record -> record.topic().equals(Topics.SCHEMA_CHANGES))
                .filter(record -> parse(() -> SchemaChangeRequested.parseFrom(record.value())).getMigrationId()
                        .equals(migrationId))
                .findFirst();
    }

    Optional<WorkspaceCreated> workspaceCreated(String workspaceId) {
        return received.stream()
                .filter(record -> record.topic().equals(Topics.WORKSPACE_EVENTS))
                .map(record -> parse(() -> WorkspaceCreated.parseFrom(record.value())))
                .filter(event -> event.getWorkspaceId().equals(workspaceId))
                .findFirst();
    }

    /** Reports a migration's outcome as migration-worker would. */
    void reportApplied(String workspaceId, String migrationId) {
        report(SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION).setWorkspaceId(workspaceId)
                .setMigrationId(migrationId).setSuccess(true).build());
    }

    void reportFailed(String workspaceId, String migrationId, String error) {
        report(SchemaChangeApplied.newBuilder().setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION).setWorkspaceId(workspaceId)
                .setMigrationId(migrationId).setSuccess(false).setError(error).build());
    }

    void report(SchemaChangeApplied event) {
        try {
            producer.send(new ProducerRecord<>(Topics.SCHEMA_APPLIED, event.getWorkspaceId(), event.toByteArray()))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to Kafka", e);
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        producer.close();
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> parser) {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
