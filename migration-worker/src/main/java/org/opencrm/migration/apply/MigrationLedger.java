package org.opencrm.migration.apply;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import org.opencrm.outbox.Outbox;
import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
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

    /** Appends the outcome event to the outbox; {@code error} is {@code null} on success. */
    void announce(MigrationRequest request, String error) {
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        SchemaChangeApplied event = SchemaChangeApplied.newBuilder()
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(request.workspaceId().toString())
                .setMigrationId(request.migrationId().toString())
                .setSuccess(error == null)
                .setError(error == null ? "" : error)
                .build();
        outbox.append(Topics.SCHEMA_APPLIED, request.workspaceId().toString(), eventId, event);
    }
}
