package org.opencrm.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencrm.schema.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka, oldest first, and deletes them once Kafka has acknowledged them.
 *
 * <p>One relay at a time per table (a transaction-scoped advisory lock), so events of a workspace reach
 * Kafka in the order they committed even with several instances running. Delivery is at least once: a
 * crash after the send and before the delete sends the batch again, which consumers absorb by event id. A row
 * Kafka can never accept goes to the dead-letter table {@code <table>DeadLetter} with the reason.
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
    private final String deadLetter;
    private final Counter deadLettered;
    private final long lockKey;
    private volatile Thread worker;
    private volatile boolean running;

    /** @param meters where to count dead-lettered rows; {@code null} when the service has no meter registry */
    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        String table = SqlIdentifiers.quote(properties.schema()) + "." + SqlIdentifiers.quote(properties.table());
        this.select = "SELECT \"id\", \"eventId\", \"topic\", \"key\", \"eventType\", \"payload\" FROM " + table
                + " ORDER BY \"id\" LIMIT ?";
        this.delete = "DELETE FROM " + table + " WHERE \"id\" = ANY (?)";
        String columns = "\"id\", \"eventId\", \"topic\", \"key\", \"eventType\", \"payload\", \"createdAt\"";
        this.deadLetter = "INSERT INTO " + SqlIdentifiers.quote(properties.schema()) + "." + SqlIdentifiers.quote(properties.deadLetterTable())
                + " (" + columns + ", \"error\") SELECT " + columns + ", ? FROM " + table + " WHERE \"id\" = ?";
        this.deadLettered = meters == null ? null : Counter.builder("crm.outbox.dead.lettered")
                .description("Outbox rows Kafka can never accept, moved to the dead-letter table")
                .tag("table", properties.table())
                .register(meters);
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
                Batch batch = relayBatch();
                if (batch.retryLater() > 0) {
                    log.warn("Outbox relay of {}: {} of {} rows not acknowledged by Kafka; retrying them: {}", properties.table(),
                            batch.retryLater(), batch.read(), batch.retryReason());
                    pauseAfterFailure();
                } else if (batch.read() < properties.batchSize()) {
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

    /** What one relay transaction did with the rows it read. */
    record Batch(int read, int retryLater, String retryReason) {
        static final Batch NONE = new Batch(0, 0, null);
    }

    /**
     * Sends one batch and deletes the rows Kafka acknowledged. A row Kafka can never accept (see {@link SendFailures})
     * moves to the dead-letter table, so one bad event does not hold back every tenant's events behind it. Rows
     * that failed otherwise, or were not acknowledged in time, stay for the next try.
     */
    Batch relayBatch() {
        Batch batch = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockKey);
            if (!Boolean.TRUE.equals(locked)) {
                return Batch.NONE;
            }
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<?>> acks = new ArrayList<>();
            jdbc.query(select, rs -> {
                ids.add(rs.getLong("id"));
                var record = new ProducerRecord<>(rs.getString("topic"), rs.getString("key"), rs.getBytes("payload"));
                record.headers().add(EVENT_TYPE_HEADER, rs.getString("eventType").getBytes(StandardCharsets.UTF_8));
                record.headers().add(EVENT_ID_HEADER, rs.getString("eventId").getBytes(StandardCharsets.UTF_8));
                acks.add(send(record));
            }, properties.batchSize());
            if (ids.isEmpty()) {
                return Batch.NONE;
            }
            awaitAll(acks);
            List<Long> done = new ArrayList<>();
            int retryLater = 0;
            String retryReason = null;
            for (int i = 0; i < ids.size(); i++) {
                CompletableFuture<?> ack = acks.get(i);
                if (ack.state() == Future.State.SUCCESS) {
                    done.add(ids.get(i));
                } else if (ack.state() == Future.State.FAILED && SendFailures.isPermanent(ack.exceptionNow())) {
                    deadLetter(ids.get(i), ack.exceptionNow());
                    done.add(ids.get(i));
                } else {
                    retryLater++;
                    if (retryReason == null) {
                        retryReason = ack.state() == Future.State.FAILED ? ack.exceptionNow().toString()
                                : "no acknowledgement within " + properties.sendTimeout();
                    }
                }
            }
            jdbc.update(delete, (Object) done.toArray(Long[]::new));
            return new Batch(ids.size(), retryLater, retryReason);
        });
        return batch == null ? Batch.NONE : batch;
    }

    /** A send that fails before it starts (a serializer throwing) fails its own row, not the whole batch. */
    private CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits up to the send timeout for every acknowledgement; whatever is still open after it is retried. */
    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each row's own future says what became of it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka to acknowledge the outbox batch", e);
        }
    }

    private void deadLetter(long id, Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String error = cause.getClass().getName() + ": " + cause.getMessage();
        jdbc.update(deadLetter, error, id);
        log.error("Outbox row {} of {} can never be sent to Kafka; moved it to {}: {}", id, properties.table(),
                properties.deadLetterTable(), error);
        if (deadLettered != null) {
            deadLettered.increment();
        }
    }

    private void pauseAfterFailure() {
        try {
            wakeUps.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
