package org.opencrm.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencrm.schema.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka, oldest first, and deletes them once Kafka has acknowledged them.
 *
 * <p>One relay at a time per table (a transaction-scoped advisory lock), so events of a workspace reach
 * Kafka in the order they committed even with several instances running. Delivery is at least once: a
 * crash after the send and before the delete sends the batch again, which consumers absorb by event id.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String EVENT_TYPE_HEADER = "eventType";
    private static final String EVENT_ID_HEADER = "eventId";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private final String select;
    private final String delete;
    private final long lockKey;
    private volatile Thread worker;
    private volatile boolean running;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        String table = SqlIdentifiers.quote(properties.schema()) + "." + SqlIdentifiers.quote(properties.table());
        this.select = "SELECT \"id\", \"eventId\", \"topic\", \"key\", \"eventType\", \"payload\" FROM " + table
                + " ORDER BY \"id\" LIMIT ?";
        this.delete = "DELETE FROM " + table + " WHERE \"id\" = ANY (?)";
        this.lockKey = (properties.schema() + "." + properties.table()).hashCode();
    }

    /** Asks the relay to look at the table now rather than at its next poll. */
    void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("outbox-relay-" + properties.table()).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                int sent = relayBatch();
                if (sent < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay of {} failed; retrying: {}", properties.table(), e.toString());
                pauseAfterFailure();
            }
        }
    }

    /** Sends one batch; returns how many rows it sent. */
    int relayBatch() {
        Integer sent = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockKey);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<?>> acks = new ArrayList<>();
            jdbc.query(select, rs -> {
                ids.add(rs.getLong("id"));
                var record = new ProducerRecord<>(rs.getString("topic"), rs.getString("key"), rs.getBytes("payload"));
                record.headers().add(EVENT_TYPE_HEADER, rs.getString("eventType").getBytes(StandardCharsets.UTF_8));
                record.headers().add(EVENT_ID_HEADER, rs.getString("eventId").getBytes(StandardCharsets.UTF_8));
                acks.add(kafka.send(record));
            }, properties.batchSize());
            if (ids.isEmpty()) {
                return 0;
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            jdbc.update(delete, (Object) ids.toArray(Long[]::new));
            return ids.size();
        });
        return sent == null ? 0 : sent;
    }

    private void pauseAfterFailure() {
        try {
            wakeUps.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
