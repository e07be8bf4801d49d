package org.opencrm.migration.apply;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.opencrm.schema.ddl.DdlRenderer;
import org.opencrm.schema.ddl.InvalidSchemaOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one migration: all its DDL, its record and its outcome event in one transaction, tried again while it
 * meets lock contention; a migration PostgreSQL refuses is rolled back whole and recorded as failed in a
 * transaction of its own.
 */
@Component
class MigrationApplier {

    private static final Logger log = LoggerFactory.getLogger(MigrationApplier.class);

    /**
     * Bound, not spliced: {@code SET LOCAL} takes no parameters, {@code set_config(..., true)} is its
     * transaction-local equivalent. {@code standard_conforming_strings} is pinned because the rendered literals
     * double quotes and leave backslashes alone.
     */
    private static final String LOCAL_SETTINGS =
            "SELECT set_config('lock_timeout', ?, true), set_config('standard_conforming_strings', 'on', true)";

    private enum Outcome { APPLIED, SKIPPED, FAILED }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MigrationLedger ledger;
    private final RetryTemplate contentionRetries;
    private final String lockTimeout;
    private final MeterRegistry meters;

    MigrationApplier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, MigrationLedger ledger,
            DdlProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.ledger = ledger;
        this.meters = meters;
        this.lockTimeout = properties.lockTimeout().toMillis() + "ms";
        this.contentionRetries = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.attempts() - 1)
                .delay(properties.backoff())
                .multiplier(2)
                .predicate(failure -> DdlFailure.of(failure).kind() == DdlFailure.Kind.CONTENTION)
                .build());
    }

    /**
     * Applies the migration, or records why it cannot be; returns normally once either is committed.
     *
     * @throws RuntimeException when nothing could be committed (the database is unreachable); the listener's
     *     error handler then redelivers the record
     */
    void apply(MigrationRequest request) {
        long started = System.nanoTime();
        Outcome outcome = applyOrRecordFailure(request);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Timer.builder("crm.worker.migrations")
                .description("Time from receiving a migration to committing its outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters)
                .record(took);
        log.info("Migration {} of workspace {}: {} in {} ms", request.migrationId(), request.workspaceId(), outcome, took.toMillis());
    }

    private Outcome applyOrRecordFailure(MigrationRequest request) {
        List<String> statements;
        try {
            statements = DdlRenderer.render(request.workspaceId(), request.schemaName(), request.operations());
        } catch (InvalidSchemaOperationException e) {
            return recordFailure(request, e.getMessage());
        }
        try {
            return contentionRetries.execute(() -> applyInOneTransaction(request, statements));
        } catch (RetryException e) {
            DdlFailure failure = DdlFailure.of(e.getLastException());
            return switch (failure.kind()) {
                case INFRASTRUCTURE -> throw asRuntime(e.getLastException());
                case CONTENTION -> recordFailure(request, failure.reason() + " (gave up after " + (e.getRetryCount() + 1) + " tries)");
                case REJECTED -> recordFailure(request, failure.reason());
            };
        }
    }

    private Outcome applyInOneTransaction(MigrationRequest request, List<String> statements) {
        return transactions.execute(status -> {
            jdbc.queryForMap(LOCAL_SETTINGS, lockTimeout);
            if (!ledger.claim(request, null)) {
                return Outcome.SKIPPED;
            }
            executeInOneRoundTrip(statements);
            ledger.announce(request, null);
            return Outcome.APPLIED;
        });
    }

    /** Generated statements only, sent as one JDBC batch: the driver ships them together, not one by one. */
    private void executeInOneRoundTrip(List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        jdbc.execute((StatementCallback<int[]>) statement -> {
            // The text holds quoted names and literals, never JDBC escapes such as {fn ...}.
            statement.setEscapeProcessing(false);
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            return statement.executeBatch();
        });
    }

    private Outcome recordFailure(MigrationRequest request, String reason) {
        log.warn("Migration {} of workspace {} failed: {}", request.migrationId(), request.workspaceId(), reason);
        return transactions.execute(status -> {
            if (!ledger.claim(request, reason)) {
                return Outcome.SKIPPED;
            }
            ledger.announce(request, reason);
            return Outcome.FAILED;
        });
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }
}
