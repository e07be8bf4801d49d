package org.opencrm.migration.apply;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

import org.opencrm.outbox.Outbox;
import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The worker's record of finished migrations, successful or failed, and the {@code SchemaChangeApplied} event that
 * announces each. Both are written in the caller's transaction, so the record, the event and (on success) the DDL
 * commit together or not at all.
 */
@Component
class MigrationLedger {

    static final String CONSUMER = "migration-worker";

    private static final String CLAIM = """
            INSERT INTO core."appliedWorkspaceMigration" ("migrationId", "workspaceId", "success", "error")
            VALUES (?, ?, ?, ?)
            ON CONFLICT ("migrationId") DO NOTHING""";

    private static final String SETTLED = """
            SELECT EXISTS (SELECT 1 FROM core."appliedWorkspaceMigration" WHERE "migrationId" = ?)""";

    private static final String PARK = """
            INSERT INTO core."parkedWorkspaceMigration" ("migrationId", "workspaceId", "previousMigrationId", "request")
            VALUES (?, ?, ?, ?)
            ON CONFLICT ("migrationId") DO NOTHING""";

    private static final String READY = """
            SELECT p."request" FROM core."parkedWorkspaceMigration" p
            JOIN core."appliedWorkspaceMigration" a ON a."migrationId" = p."previousMigrationId"
            WHERE p."workspaceId" = ?
            ORDER BY p."parkedAt", p."migrationId"
            """;

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;

    MigrationLedger(JdbcTemplate jdbc, ProcessedEvents processedEvents, Outbox outbox) {
        this.jdbc = jdbc;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
    }

    /**
     * Records the outcome of a migration unless this event or this migration was handled before. A concurrent
     * claim of the same migration (a rebalance handing the record to a second worker) waits on the first one's
     * row and then sees the conflict, so at most one of them applies it.
     *
     * @param error {@code null} on success
     * @return {@code false} if the migration must be skipped: it was handled before
     */
    boolean claim(MigrationRequest request, String error) {
        if (!processedEvents.markProcessed(CONSUMER, request.eventId())) {
            return false;
        }
        return jdbc.update(CLAIM, request.migrationId(), request.workspaceId(), error == null, error) == 1;
    }

    /** Whether the worker is done with the migration, applied or failed. */
    boolean isSettled(UUID migrationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(SETTLED, Boolean.class, migrationId));
    }

    /** Keeps a migration, whole, until the one requested before it has settled; a second parking changes nothing. */
    void park(MigrationRequest request) {
        jdbc.update(PARK, request.migrationId(), request.workspaceId(), request.previousMigrationId(), request.payload());
    }

    /** The workspace's parked migrations whose predecessor has settled, oldest first. */
    List<MigrationRequest> readyToApply(UUID workspaceId) {
        return jdbc.query(READY, (rs, row) -> MigrationRequest.parse(rs.getBytes("request")), workspaceId);
    }

    /** Parked migrations, ready or not, parked before {@code before}: the ones that waited too long. */
    List<MigrationRequest> parkedBefore(java.time.Instant before) {
        return jdbc.query("""
                SELECT "request" FROM core."parkedWorkspaceMigration" WHERE "parkedAt" < ?
                ORDER BY "parkedAt", "migrationId"
                """, (rs, row) -> MigrationRequest.parse(rs.getBytes("request")),
                java.sql.Timestamp.from(before));
    }

    /** The workspaces with parked migrations. */
    List<UUID> workspacesWithParked() {
        return jdbc.queryForList("SELECT DISTINCT \"workspaceId\" FROM core.\"parkedWorkspaceMigration\"", UUID.class);
    }

    void unpark(UUID migrationId) {
        jdbc.update("DELETE FROM core.\"parkedWorkspaceMigration\" WHERE \"migrationId\" = ?", migrationId);
    }

    /**
     * Marks a claimed migration as waiting for indexes built outside its transaction; its outcome is announced once
     * they are ({@link #finishIndexBuilds}).
     */
    void awaitIndexBuilds(MigrationRequest request, List<CreateIndex> indexes) {
        SchemaChangeRequested.Builder pending = SchemaChangeRequested.newBuilder();
        indexes.forEach(index -> pending.addOperations(SchemaOperation.newBuilder().setCreateIndex(index)));
        jdbc.update("UPDATE core.\"appliedWorkspaceMigration\" SET \"pendingIndexes\" = ? WHERE \"migrationId\" = ?",
                pending.build().toByteArray(), request.migrationId());
    }

    /** The index builds a migration still waits for; empty when none. */
    Optional<List<CreateIndex>> pendingIndexBuilds(UUID migrationId) {
        List<byte[]> rows = jdbc.queryForList("SELECT \"pendingIndexes\" FROM core.\"appliedWorkspaceMigration\""
                + " WHERE \"migrationId\" = ? AND \"pendingIndexes\" IS NOT NULL", byte[].class, migrationId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            SchemaChangeRequested pending = SchemaChangeRequested.parseFrom(rows.getFirst());
            return Optional.of(pending.getOperationsList().stream().map(SchemaOperation::getCreateIndex).toList());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("pending index builds of migration " + migrationId + " are unreadable", e);
        }
    }

    /**
     * Records the end of a migration's index builds and announces it: the migration committed, so it stays a success;
     * {@code failedIndexes} names the indexes that could not be built and {@code error} says why ({@code null} when
     * all were built).
     */
    void finishIndexBuilds(MigrationRequest request, String error, List<String> failedIndexes) {
        jdbc.update("UPDATE core.\"appliedWorkspaceMigration\" SET \"pendingIndexes\" = NULL, \"success\" = true,"
                + " \"failedIndexes\" = ?, \"indexError\" = ?, \"appliedAt\" = now() WHERE \"migrationId\" = ?",
                failedIndexes.isEmpty() ? null : failedIndexes.toArray(String[]::new), error, request.migrationId());
        append(request, true, error, List.of(), failedIndexes);
    }

    /** Appends the outcome event to the outbox; {@code error} is {@code null} on success. */
    void announce(MigrationRequest request, String error) {
        announce(request, error, List.of());
    }

    /**
     * Appends the outcome event to the outbox; {@code error} is {@code null} on success, {@code drift} lists what a
     * Reconcile found (empty otherwise).
     */
    void announce(MigrationRequest request, String error, List<String> drift) {
        append(request, error == null, error, drift, List.of());
    }

    private void append(MigrationRequest request, boolean success, String error, List<String> drift,
            List<String> failedIndexes) {
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        SchemaChangeApplied event = SchemaChangeApplied.newBuilder()
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(request.workspaceId().toString())
                .setMigrationId(request.migrationId().toString())
                .setSuccess(success)
                .setError(error == null ? "" : error)
                .addAllDrift(drift)
                .addAllFailedIndexes(failedIndexes)
                .build();
        outbox.append(Topics.SCHEMA_APPLIED, request.workspaceId().toString(), eventId, event);
    }
}
