package org.opencrm.migration.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.ddl.DdlRenderer;
import org.opencrm.schema.ddl.InvalidSchemaOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one migration: all its DDL, its record and its outcome event in one transaction, tried again while it
 * meets lock contention; a migration PostgreSQL refuses is rolled back whole and recorded as failed in a
 * transaction of its own.
 *
 * <p>Indexes on existing tables past {@code crm.worker.ddl.concurrent-index-min-rows} rows (pg_class.reltuples) are
 * not built in that transaction, which would block the table's writes for as long as the build takes: the
 * transaction commits the rest with the migration marked as waiting for them, each is then built with
 * {@code CREATE INDEX CONCURRENTLY} (an INVALID leftover of an interrupted build dropped first), and the outcome is
 * announced after the last: a success, naming in {@code failed_indexes} any index that could not be built (its
 * INVALID leftover dropped), since the rest of the migration did commit. A redelivered event of such a migration
 * resumes the builds.
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

    /** The tables of a schema whose estimated rows reach a threshold; -1 (never analyzed) counts as small. */
    private static final String LARGE_TABLES = """
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.reltuples >= ?""";

    private static final String INDEX_STATE = "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)";

    private enum Outcome { APPLIED, SKIPPED, FAILED, INDEXES_PENDING }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MigrationLedger ledger;
    private final Reconciler reconciler;
    private final RetryTemplate contentionRetries;
    private final String lockTimeout;
    private final long concurrentIndexMinRows;
    private final MeterRegistry meters;

    MigrationApplier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, MigrationLedger ledger,
            Reconciler reconciler, DdlProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.ledger = ledger;
        this.reconciler = reconciler;
        this.meters = meters;
        this.lockTimeout = properties.lockTimeout().toMillis() + "ms";
        this.concurrentIndexMinRows = properties.concurrentIndexMinRows();
        this.contentionRetries = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.attempts() - 1)
                .delay(properties.backoff())
                .multiplier(2)
                .maxDelay(properties.maxBackoff())
                .predicate(failure -> !(failure instanceof InvalidSchemaOperationException)
                        && DdlFailure.of(failure).kind() == DdlFailure.Kind.CONTENTION)
                .build());
    }

    /**
     * Applies the migration, or records why it cannot be; returns normally once either is committed, or once the
     * migration is parked. Migrations of a workspace apply in the order they were requested: one whose predecessor
     * (the migration requested just before it) has not settled yet, because Kafka delivered them out of order after
     * a failed send, is parked with its request and applied right after that predecessor; then every parked
     * migration whose predecessor has settled follows, oldest first.
     *
     * @throws RuntimeException when nothing could be committed (the database is unreachable); the listener's
     *     error handler then redelivers the record
     */
    void apply(MigrationRequest request) {
        UUID previous = request.previousMigrationId();
        if (previous != null && !ledger.isSettled(previous)) {
            ledger.park(request);
            // The predecessor may have settled meanwhile (on another worker, during a rebalance); if not, its own
            // turn applies this one.
            if (!ledger.isSettled(previous)) {
                log.info("Migration {} of workspace {} waits for migration {}, not applied yet", request.migrationId(),
                        request.workspaceId(), previous);
                return;
            }
        } else {
            applyNow(request);
        }
        drainParked(request.workspaceId());
    }

    /**
     * Applies the workspace's parked migrations whose predecessor has settled, oldest first, until none is left.
     * One that cannot be applied now stays parked for the sweeper: this record's own outcome is committed already
     * and must not be redelivered for another migration's fault.
     */
    private void drainParked(UUID workspaceId) {
        List<MigrationRequest> ready;
        while (!(ready = ledger.readyToApply(workspaceId)).isEmpty()) {
            for (MigrationRequest next : ready) {
                try {
                    applyNow(next);
                } catch (RuntimeException e) {
                    log.warn("Parked migration {} of workspace {} could not be applied now; the sweeper tries again: {}",
                            next.migrationId(), workspaceId, e.toString());
                    return;
                }
                ledger.unpark(next.migrationId());
            }
        }
    }

    /**
     * The sweeper's turn ({@link ParkedMigrationSweeper}): drains every workspace with parked migrations, then applies
     * anyway each that has waited longer than {@code maxWait} for a predecessor that has not come, and what it unblocks.
     */
    void sweepParked(Duration maxWait) {
        for (UUID workspaceId : ledger.workspacesWithParked()) {
            drainParked(workspaceId);
        }
        for (MigrationRequest overdue : ledger.parkedBefore(java.time.Instant.now().minus(maxWait))) {
            log.warn("Migration {} of workspace {} waited more than {} for migration {}; applying it anyway",
                    overdue.migrationId(), overdue.workspaceId(), maxWait, overdue.previousMigrationId());
            applyNow(overdue);
            ledger.unpark(overdue.migrationId());
            drainParked(overdue.workspaceId());
        }
    }

    private void applyNow(MigrationRequest request) {
        long started = System.nanoTime();
        Outcome outcome = applyOrRecordFailure(request);
        if (outcome == Outcome.INDEXES_PENDING || outcome == Outcome.SKIPPED) {
            Optional<List<CreateIndex>> pending = ledger.pendingIndexBuilds(request.migrationId());
            if (pending.isPresent()) {
                outcome = buildIndexesConcurrently(request, pending.get());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Timer.builder("crm.worker.migrations")
                .description("Time from receiving a migration to committing its outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters)
                .record(took);
        log.info("Migration {} of workspace {}: {} in {} ms", request.migrationId(), request.workspaceId(), outcome, took.toMillis());
    }

    private Outcome applyOrRecordFailure(MigrationRequest request) {
        try {
            // Fails fast, before any transaction, on a migration that cannot be rendered at all.
            DdlRenderer.render(request.workspaceId(), request.schemaName(), List.of());
        } catch (InvalidSchemaOperationException e) {
            return recordFailure(request, e.getMessage());
        }
        try {
            return contentionRetries.execute(() -> applyInOneTransaction(request));
        } catch (RetryException e) {
            if (e.getLastException() instanceof InvalidSchemaOperationException invalid) {
                return recordFailure(request, invalid.getMessage());
            }
            DdlFailure failure = DdlFailure.of(e.getLastException());
            return switch (failure.kind()) {
                case INFRASTRUCTURE -> throw asRuntime(e.getLastException());
                case CONTENTION -> recordFailure(request, failure.reason() + " (gave up after " + (e.getRetryCount() + 1) + " tries)");
                case REJECTED -> recordFailure(request, failure.reason());
            };
        }
    }

    /**
     * Claims the migration, writes its outcome and runs its DDL, in one transaction. The DDL goes last: an ALTER
     * TABLE holds its ACCESS EXCLUSIVE lock until the commit, and every query on the table waits behind it, so the
     * ledger and outbox rows are written before it, and the commit is sent with it ({@link #executeAndCommit}). If
     * the DDL fails, the transaction rolls back with them. A Reconcile must read the catalog as the earlier operations leave it, so
     * its migration runs in order and announces what it found last.
     */
    private Outcome applyInOneTransaction(MigrationRequest request) {
        return transactions.execute(status -> {
            jdbc.queryForMap(LOCAL_SETTINGS, lockTimeout);
            if (!ledger.claim(request, null)) {
                return Outcome.SKIPPED;
            }
            if (request.operations().stream().anyMatch(SchemaOperation::hasReconcile)) {
                return reconcileInOrder(request, status);
            }
            Set<String> largeTables = largeTables(request);
            List<CreateIndex> deferred = new ArrayList<>();
            List<SchemaOperation> batch = new ArrayList<>();
            for (SchemaOperation operation : request.operations()) {
                if (operation.hasCreateIndex() && largeTables.contains(operation.getCreateIndex().getTable())) {
                    deferred.add(operation.getCreateIndex());
                } else {
                    batch.add(operation);
                }
            }
            if (deferred.isEmpty()) {
                ledger.announce(request, null, List.of());
            } else {
                ledger.awaitIndexBuilds(request, deferred);
            }
            executeAndCommit(request, batch);
            return deferred.isEmpty() ? Outcome.APPLIED : Outcome.INDEXES_PENDING;
        });
    }

    private Outcome reconcileInOrder(MigrationRequest request, TransactionStatus status) {
        List<String> drift = new ArrayList<>();
        List<SchemaOperation> batch = new ArrayList<>();
        for (SchemaOperation operation : request.operations()) {
            if (operation.hasReconcile()) {
                execute(request, batch);
                batch.clear();
                drift.addAll(reconciler.reconcile(request, operation.getReconcile(), status));
            } else {
                batch.add(operation);
            }
        }
        execute(request, batch);
        ledger.announce(request, null, drift);
        return Outcome.APPLIED;
    }

    /**
     * The tables that already hold enough rows for their new indexes to be built concurrently, in one query. The
     * estimate comes from the last ANALYZE or VACUUM, which is what PostgreSQL's planner trusts too. A migration that
     * creates the schema finds none, without asking.
     */
    private Set<String> largeTables(MigrationRequest request) {
        boolean indexes = request.operations().stream().anyMatch(SchemaOperation::hasCreateIndex);
        boolean newSchema = request.operations().stream().anyMatch(SchemaOperation::hasCreateSchema);
        if (!indexes || newSchema) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList(LARGE_TABLES, String.class, request.schemaName(), concurrentIndexMinRows));
    }

    /**
     * Renders the operations against the catalog as it stands at this point of the transaction (enum values) and
     * sends them as one JDBC batch: the driver ships them together, not one by one.
     */
    private void execute(MigrationRequest request, List<SchemaOperation> operations) {
        execute(request, operations, List.of());
    }

    /**
     * Runs the transaction's last statements and its COMMIT in one round trip. An ALTER TABLE holds its ACCESS
     * EXCLUSIVE lock until the commit, and each query on the table waits for it: sent apart, the commit waited for
     * the answer to the ALTER to reach this thread and for this thread to get a CPU again, which on a busy machine
     * took milliseconds of every insert's time; sent together, PostgreSQL commits as soon as the ALTER is done. If a
     * statement fails, PostgreSQL skips the rest of the batch, the COMMIT included, and the transaction rolls back
     * as before; if the COMMIT itself fails, the transaction is over and rolled back. The transaction manager's own
     * commit then finds the connection idle, and the driver sends nothing.
     */
    private void executeAndCommit(MigrationRequest request, List<SchemaOperation> operations) {
        execute(request, operations, List.of("COMMIT"));
    }

    private void execute(MigrationRequest request, List<SchemaOperation> operations, List<String> then) {
        if (operations.isEmpty()) {
            return;
        }
        List<String> rendered = DdlRenderer.render(request.workspaceId(), request.schemaName(), operations,
                type -> enumValues(request.schemaName(), type));
        if (rendered.isEmpty()) {
            return;
        }
        List<String> statements = new ArrayList<>(rendered);
        statements.addAll(then);
        jdbc.execute((StatementCallback<int[]>) statement -> {
            // The text holds quoted names and literals, never JDBC escapes such as {fn ...}.
            statement.setEscapeProcessing(false);
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            return statement.executeBatch();
        });
    }

    private Optional<List<String>> enumValues(String schema, String type) {
        List<String> values = jdbc.queryForList("""
                SELECT e.enumlabel::text FROM pg_enum e
                JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typname = ? ORDER BY e.enumsortorder""", String.class, schema, type);
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    /**
     * Builds each pending index outside any transaction, then records and announces the outcome. An index already
     * valid (built before a crash) is kept; an INVALID one (a build interrupted) is dropped and built again.
     */
    private Outcome buildIndexesConcurrently(MigrationRequest request, List<CreateIndex> indexes) {
        List<String> failedIndexes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CreateIndex index : indexes) {
            String name = SqlIdentifiers.quote(request.schemaName()) + "." + SqlIdentifiers.quote(index.getName());
            try {
                List<Boolean> state = jdbc.queryForList(INDEX_STATE, Boolean.class, name);
                if (!state.isEmpty() && state.getFirst()) {
                    continue;
                }
                if (!state.isEmpty()) {
                    log.info("Dropping the invalid index {} left by an interrupted build", name);
                    runOutsideTransaction(DdlRenderer.dropIndexConcurrently(request.workspaceId(), request.schemaName(), index.getName()));
                }
                runOutsideTransaction(DdlRenderer.createIndexConcurrently(request.workspaceId(), request.schemaName(), index));
            } catch (InvalidSchemaOperationException e) {
                failedIndexes.add(index.getName());
                errors.add(e.getMessage());
            } catch (DataAccessException e) {
                DdlFailure failure = DdlFailure.of(e);
                if (failure.kind() == DdlFailure.Kind.INFRASTRUCTURE) {
                    throw e; // redelivered: the builds resume
                }
                failedIndexes.add(index.getName());
                errors.add("index " + index.getName() + " could not be built: " + failure.reason());
                dropLeftover(request, index);
            }
        }
        // The rest of the migration committed: it stays applied, and only the indexes that failed are reported.
        String error = errors.isEmpty() ? null : String.join("; ", errors);
        transactions.executeWithoutResult(status -> ledger.finishIndexBuilds(request, error, failedIndexes));
        return Outcome.APPLIED;
    }

    /** A failed concurrent build leaves an INVALID index that would be maintained on every write: it goes. */
    private void dropLeftover(MigrationRequest request, CreateIndex index) {
        try {
            runOutsideTransaction(DdlRenderer.dropIndexConcurrently(request.workspaceId(), request.schemaName(),
                    index.getName()));
        } catch (DataAccessException e) {
            log.warn("Could not drop the invalid index {} of workspace {}: {}", index.getName(),
                    request.workspaceId(), DdlFailure.of(e).reason());
        }
    }

    /** A statement PostgreSQL refuses inside a transaction block, on a connection in autocommit mode. */
    private void runOutsideTransaction(String sql) {
        jdbc.execute((StatementCallback<Boolean>) statement -> {
            statement.setEscapeProcessing(false);
            return statement.execute(sql);
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
