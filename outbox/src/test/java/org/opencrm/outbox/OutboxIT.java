package org.opencrm.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = OutboxIT.TestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/outbox",
        "spring.flyway.schemas=core",
        "spring.flyway.placeholders.outboxTable=testOutbox",
        "spring.flyway.placeholders.processedEventsTable=testProcessedEvent",
        "crm.outbox.table=testOutbox",
        "crm.outbox.processed-events-table=testProcessedEvent"})
class OutboxIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(OutboxConfiguration.class)
    static class TestApplication {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    private final String topic = "outbox-it-" + UUID.randomUUID();
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
    void committedEventsReachKafkaInOrderAndLeaveTheTable() {
        String workspace = UUID.randomUUID().toString();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        transactions.executeWithoutResult(status -> ids.forEach(id -> outbox.append(topic, workspace, id, event(id, workspace))));

        List<ConsumerRecord<String, byte[]>> received = receive(3);

        assertThat(received).extracting(r -> eventId(r.value())).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(received).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(workspace);
            assertThat(new String(r.headers().lastHeader("eventType").value())).isEqualTo("crm.metadata.v1.WorkspaceCreated");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject("SELECT count(*) FROM core.\"testOutbox\"", Integer.class) == 0);
    }

    @Test
    void rolledBackEventsNeverLeave() {
        String workspace = UUID.randomUUID().toString();
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            outbox.append(topic, workspace, rolledBack, event(rolledBack, workspace));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> outbox.append(topic, workspace, committed, event(committed, workspace)));

        assertThat(receive(1)).extracting(r -> eventId(r.value())).containsExactly(committed.toString());
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        UUID id = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> outbox.append(topic, "w", id, event(id, "w")));
    }

    @Test
    void manyEventsAreMarkedInOneStatementAndOnlyTheNewOnesComeBack() {
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        transactions.executeWithoutResult(status -> processedEvents.markProcessed("consumer-all", seen));

        Set<UUID> toDo = transactions.execute(status ->
                processedEvents.markAllProcessed("consumer-all", List.of(seen, fresh, fresh)));
        Set<UUID> again = transactions.execute(status ->
                processedEvents.markAllProcessed("consumer-all", List.of(seen, fresh)));

        assertThat(toDo).containsExactly(fresh);
        assertThat(again).isEmpty();
    }

    @Test
    void anEventIsProcessedOncePerConsumer() {
        UUID eventId = UUID.randomUUID();
        Boolean first = transactions.execute(status -> processedEvents.markProcessed("consumer-a", eventId));
        Boolean again = transactions.execute(status -> processedEvents.markProcessed("consumer-a", eventId));
        Boolean otherConsumer = transactions.execute(status -> processedEvents.markProcessed("consumer-b", eventId));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private List<ConsumerRecord<String, byte[]>> receive(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(topic).size() >= count);
        return kafka.records(topic);
    }

    private static WorkspaceCreated event(UUID id, String workspace) {
        return WorkspaceCreated.newBuilder()
                .setEventId(id.toString())
                .setSchemaVersion(1)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000))
                .setWorkspaceId(workspace)
                .build();
    }

    private static String eventId(byte[] payload) {
        try {
            return WorkspaceCreated.parseFrom(payload).getEventId();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
