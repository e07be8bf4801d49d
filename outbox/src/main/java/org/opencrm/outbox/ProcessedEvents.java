package org.opencrm.outbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.opencrm.schema.SqlIdentifiers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The consumer side of at-least-once delivery: remembers which event ids a consumer has handled, in the same
 * transaction as the handling, so a redelivered event changes nothing twice.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String insertAll;

    ProcessedEvents(JdbcTemplate jdbc, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.insert = "INSERT INTO " + SqlIdentifiers.quote(properties.schema()) + "." + SqlIdentifiers.quote(properties.processedEventsTable())
                + " (\"consumer\", \"eventId\") VALUES (?, ?) ON CONFLICT DO NOTHING";
        this.insertAll = "INSERT INTO " + SqlIdentifiers.quote(properties.schema()) + "."
                + SqlIdentifiers.quote(properties.processedEventsTable()) + " (\"consumer\", \"eventId\")"
                + " SELECT ?, unnest(CAST(? AS uuid[])) ON CONFLICT DO NOTHING RETURNING \"eventId\"";
    }

    /**
     * Records that {@code consumer} handles {@code eventId} now.
     *
     * @return {@code false} if it was handled before: skip the work
     */
    public boolean markProcessed(String consumer, UUID eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("markProcessed must run inside the transaction that handles the event");
        }
        return jdbc.update(insert, consumer, eventId) == 1;
    }

    /**
     * Records that {@code consumer} handles all of {@code eventIds} now, in one statement.
     *
     * @return those not handled before: the ones to do
     */
    public Set<UUID> markAllProcessed(String consumer, Collection<UUID> eventIds) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("markAllProcessed must run inside the transaction that handles the events");
        }
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        String[] ids = eventIds.stream().distinct().map(UUID::toString).toArray(String[]::new);
        return new HashSet<>(jdbc.queryForList(insertAll, UUID.class, consumer, ids));
    }
}
