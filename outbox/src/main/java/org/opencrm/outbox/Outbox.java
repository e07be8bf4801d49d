package org.opencrm.outbox;

import java.util.List;
import java.util.UUID;

import com.google.protobuf.Message;

import org.opencrm.schema.SqlIdentifiers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into the service's outbox table inside the caller's transaction, so an event leaves the
 * service if and only if the change it describes commits.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final String insert;

    Outbox(JdbcTemplate jdbc, OutboxRelay relay, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.insert = "INSERT INTO " + SqlIdentifiers.quote(properties.schema()) + "." + SqlIdentifiers.quote(properties.table())
                + " (\"eventId\", \"topic\", \"key\", \"eventType\", \"payload\") VALUES (?, ?, ?, ?, ?)";
    }

    /**
     * Appends an event; must run inside a transaction on the service's DataSource.
     *
     * @param topic one of {@code org.opencrm.proto.Topics}
     * @param key the Kafka key, the workspace id, so one workspace's events stay in order
     * @param eventId the id consumers deduplicate on; the same as the message's {@code event_id}
     */
    public void append(String topic, String key, UUID eventId, Message message) {
        appendAll(topic, key, List.of(new Event(eventId, message)));
    }

    /** One event and the id consumers deduplicate it on. */
    public record Event(UUID eventId, Message message) {
    }

    /**
     * Appends several events of one key in one JDBC batch, in list order; must run inside a transaction on the
     * service's DataSource.
     */
    public void appendAll(String topic, String key, List<Event> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction of the change it describes");
        }
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = events.stream()
                .map(event -> new Object[] {event.eventId(), topic, key,
                        event.message().getDescriptorForType().getFullName(), event.message().toByteArray()})
                .toList();
        if (rows.size() == 1) {
            jdbc.update(insert, rows.getFirst());
        } else {
            jdbc.batchUpdate(insert, rows);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
