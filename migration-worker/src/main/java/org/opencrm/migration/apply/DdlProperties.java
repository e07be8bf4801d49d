package org.opencrm.migration.apply;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a migration's DDL waits for locks. DDL takes strong locks on live tables; a short lock timeout makes it give
 * way to running queries instead of queueing every query behind itself, and a few tries get it through.
 * While a statement waits for its lock, every query on the table queues behind it, so the wait bounds the latency a
 * schema change adds to a busy table: 25 ms tried up to 40 times holds inserts back far less than one 2 s wait,
 * and still gets through a table whose writes each hold its lock for a few milliseconds.
 *
 * @param lockTimeout how long one statement waits for a lock before the whole try is rolled back
 * @param attempts how many times a migration is tried when it meets lock contention (the first try included);
 *     after the last, the migration is recorded as failed
 * @param backoff the pause before the second try; it doubles before each further try, up to {@code maxBackoff}
 * @param maxBackoff the longest pause between two tries
 * @param concurrentIndexMinRows from how many rows (pg_class.reltuples) an index on an existing table is built with
 *     {@code CREATE INDEX CONCURRENTLY} after the migration's transaction, instead of inside it
 */
@ConfigurationProperties("crm.worker.ddl")
record DdlProperties(
        @DefaultValue("25ms") Duration lockTimeout,
        @DefaultValue("40") int attempts,
        @DefaultValue("50ms") Duration backoff,
        @DefaultValue("2s") Duration maxBackoff,
        @DefaultValue("100000") long concurrentIndexMinRows) {

    DdlProperties {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("crm.worker.ddl.lock-timeout must be positive, was " + lockTimeout);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("crm.worker.ddl.attempts must be at least 1, was " + attempts);
        }
        if (concurrentIndexMinRows < 0) {
            throw new IllegalArgumentException("crm.worker.ddl.concurrent-index-min-rows must not be negative, was " + concurrentIndexMinRows);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("crm.worker.ddl.backoff must not be negative, was " + backoff);
        }
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("crm.worker.ddl.max-backoff must not be less than backoff, was "
                    + maxBackoff);
        }
    }
}
