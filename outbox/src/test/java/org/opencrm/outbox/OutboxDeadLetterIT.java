package org.opencrm.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.kafka.KafkaTestClient;
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
        InfrastructureProperties.register(registry, DATABASE);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    private final String topic = "outbox-dead-letter-it-" + UUID.randomUUID();
    private KafkaTestClient kafka;

    @BeforeEach
    void subscribe() {
        kafka = KafkaTestClient.connect(topic);
        kafka.createTopics(topic);
    }

    @AfterEach
    void close() {
        kafka.close();
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
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(topic).size() >= count);
        return kafka.records(topic);
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
