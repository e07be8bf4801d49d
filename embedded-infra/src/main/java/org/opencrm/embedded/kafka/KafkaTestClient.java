package org.opencrm.embedded.kafka;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencrm.embedded.TestInfrastructure;

/**
 * Plays the other services on the shared test broker: sends records (protobuf bytes keyed like the platform's
 * events) and keeps every record of the topics it reads, from their beginning, for tests to wait on.
 */
public final class KafkaTestClient implements AutoCloseable {

    /** How long {@link #awaitRecord} waits: the outbox relays within ~100 ms, so this only absorbs a slow machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PARTITIONS = 4;

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final List<ConsumerRecord<String, byte[]>> received = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;

    private KafkaTestClient(String bootstrapServers, List<String> topicsToRead) {
        this.bootstrapServers = bootstrapServers;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        if (topicsToRead.isEmpty()) {
            consumer = null;
            poller = null;
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-client-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topicsToRead);
        poller = Thread.ofPlatform().daemon().name("kafka-test-client").start(this::poll);
    }

    /** A client of {@link TestInfrastructure#kafka()} that reads the given topics, or only sends if none. */
    public static KafkaTestClient connect(String... topicsToRead) {
        return new KafkaTestClient(TestInfrastructure.kafka().bootstrapServers(), Arrays.asList(topicsToRead));
    }

    /** Sends a record and waits until the broker has it. */
    public void send(String topic, String key, byte[] value) {
        send(topic, key, value, Map.of());
    }

    /** Sends a record with headers (as the outbox relay sets {@code eventType}) and waits until the broker has it. */
    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        }
    }

    /**
     * Creates topics the broker does not have yet, with the broker's partition count, so that a service's
     * listener is assigned them as soon as it starts instead of after its next metadata refresh; returns once every
     * partition has its leader, since a producer writing to a partition still electing one gets NOT_LEADER errors
     * and its retried batches may land after later ones.
     */
    public void createTopics(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create " + topic, e.getCause());
                    }
                }
            }
            await().atMost(PATIENCE).ignoreExceptions().until(() -> admin.describeTopics(Arrays.asList(topics))
                    .allTopicNames().get().values().stream()
                    .allMatch(description -> description.partitions().stream().allMatch(p -> p.leader() != null
                            && !p.leader().isEmpty())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** Every record of a read topic received so far, in the order received. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        return received.stream().filter(record -> record.topic().equals(topic)).toList();
    }

    /** Every record of a read topic received so far, its value parsed (e.g. {@code RecordChanged::parseFrom}). */
    public <T> List<ConsumerRecord<String, T>> records(String topic, ValueParser<T> parser) {
        return records(topic).stream().map(record -> parsed(record, parser)).toList();
    }

    /**
     * Waits for the first record of a read topic whose parsed value matches, and answers it. A topic may carry more
     * than one message type (record changes and import batches share theirs): a record the parser cannot read is
     * not a match.
     */
    public <T> ConsumerRecord<String, T> awaitRecord(String topic, ValueParser<T> parser, Predicate<? super T> matching) {
        return await().atMost(PATIENCE).until(
                () -> records(topic).stream()
                        .map(record -> parsedOrNull(record, parser))
                        .filter(record -> record != null && matching.test(record.value()))
                        .findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    private static <T> ConsumerRecord<String, T> parsedOrNull(ConsumerRecord<String, byte[]> record,
            ValueParser<T> parser) {
        try {
            return parsed(record, parser);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static <T> ConsumerRecord<String, T> parsed(ConsumerRecord<String, byte[]> record, ValueParser<T> parser) {
        try {
            return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                    parser.parse(record.value()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not parse the record at offset " + record.offset() + " of "
                    + record.topic() + "-" + record.partition(), e);
        }
    }

    /** The consumer belongs to the poller thread alone: KafkaConsumer is not thread-safe. */
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

    @Override
    public void close() {
        producer.close();
        if (consumer != null) {
            consumer.wakeup();
            try {
                poller.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Turns a record's bytes into a message; a protobuf message class's {@code parseFrom} fits. */
    @FunctionalInterface
    public interface ValueParser<T> {
        T parse(byte[] value) throws Exception;
    }
}
