package org.opencrm.dataapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordChanged;

/** Reads the record events the service publishes, from the start of the topic. */
final class RecordChangedConsumer implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, RecordChanged>> seen = new CopyOnWriteArrayList<>();

    RecordChangedConsumer(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "record-api-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.RECORD_CHANGES));
    }

    /** Polls once and answers the first event seen so far that matches. */
    synchronized Optional<ConsumerRecord<String, RecordChanged>> find(Predicate<RecordChanged> match) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                seen.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                        RecordChanged.parseFrom(record.value())));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }
        return seen.stream().filter(record -> match.test(record.value())).findFirst();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
