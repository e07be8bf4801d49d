package org.opencrm.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** A producer that accepts only small records, so one event is too large for Kafka however often it is sent. */
@SpringBootTest(classes = OutboxIT.TestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/outbox",
        "spring.flyway.schemas=core",
        "spring.flyway.placeholders.outboxTable=smallOutbox",
        "spring.flyway.placeholders.processedEventsTable=smallProcessedEvent",
        "crm.outbox.table=smallOutbox",
        "crm.outbox.processed-events-table=smallProcessedEvent",
        "spring.kafka.producer.properties.max.request.size=" + OutboxDeadLetterIT.MAX_REQUEST_SIZE})
class OutboxDeadLetterIT {

    static final int MAX_REQUEST_SIZE = 10_000;

    private static final String DATABASE = TestInfrastructure.newDatabase();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.kafka().bootstrapServers());
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    private final String topic = "outbox-dead-letter-it-" + UUID.randomUUID();
    private KafkaConsumer<String, byte[]> consumer;

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void movesAnEventKafkaCanNeverAcceptToTheDeadLetterTableAndRelaysTheOthers() {
        String workspace = UUID.randomUUID().toString();
        UUID before = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.append(topic, workspace, before, event(before, workspace, "small")));
        transactions.executeWithoutResult(status -> outbox.append(topic, workspace, tooLarge, event(tooLarge, workspace, "x".repeat(2 * MAX_REQUEST_SIZE))));
        transactions.executeWithoutResult(status -> outbox.append(topic, workspace, after, event(after, workspace, "small")));

        List<ConsumerRecord<String, byte[]>> received = receive(2);

        assertThat(received).extracting(r -> eventId(r.value())).containsExactly(before.toString(), after.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM core.\"smallOutbox\"", Integer.class) == 0);
        assertThat(jdbc.queryForList("SELECT \"eventId\"::text FROM core.\"smallOutboxDeadLetter\"", String.class))
                .containsExactly(tooLarge.toString());
        assertThat(jdbc.queryForObject("SELECT \"error\" FROM core.\"smallOutboxDeadLetter\" WHERE \"eventId\" = ?", String.class, tooLarge))
                .startsWith("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(jdbc.queryForObject("SELECT \"topic\" || '|' || \"key\" || '|' || length(\"payload\") FROM core.\"smallOutboxDeadLetter\"",
                String.class)).isEqualTo(topic + "|" + workspace + "|" + event(tooLarge, workspace, "x".repeat(2 * MAX_REQUEST_SIZE)).getSerializedSize());
    }

    private List<ConsumerRecord<String, byte[]>> receive(int count) {
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            return received.size() >= count;
        });
        consumer.poll(Duration.ofMillis(300)).forEach(received::add);
        return received;
    }

    /** The display name pads the event to the size wanted. */
    private static WorkspaceCreated event(UUID id, String workspace, String displayName) {
        return WorkspaceCreated.newBuilder()
                .setEventId(id.toString())
                .setSchemaVersion(1)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                .setWorkspaceId(workspace)
                .setDisplayName(displayName)
                .build();
    }

    private static String eventId(byte[] payload) {
        try {
            return WorkspaceCreated.parseFrom(payload).getEventId();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
