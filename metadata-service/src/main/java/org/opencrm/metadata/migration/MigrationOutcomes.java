package org.opencrm.metadata.migration;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records what migration-worker reported for a migration. The objects and fields a migration created read their
 * status from it, so this one row is all that changes, except when a change fails: then {@link MetadataUndo} puts
 * the metadata it changed back as it was.
 */
@Component
class MigrationOutcomes {

    private static final Logger log = LoggerFactory.getLogger(MigrationOutcomes.class);

    // Only a PENDING migration settles: a late or repeated report never rewrites an outcome.
    private static final String SETTLE = """
            UPDATE core."workspaceMigration"
            SET "status" = ?, "appliedAt" = ?, "error" = ?, 
                "drift" = CASE WHEN "name" LIKE 'reconcile%' THEN COALESCE(CAST(? AS jsonb), '[]'::jsonb) END
            WHERE "id" = ? AND "workspaceId" = ? AND "status" = 'PENDING'
            RETURNING "name"
            """;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final MetadataUndo undo;
    private final JsonMapper json;

    MigrationOutcomes(JdbcTemplate jdbc, ApplicationEventPublisher events, MetadataUndo undo, JsonMapper json) {
        this.jdbc = jdbc;
        this.events = events;
        this.undo = undo;
        this.json = json;
    }

    /**
     * A migration applied. Indexes built after its commit that could not be built ({@code failedIndexes}, with
     * {@code error} saying why) do not exist: their metadata rows go, so that the metadata describes the schema; the
     * migration stays APPLIED with the error shown.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void applied(UUID workspaceId, UUID migrationId, Instant appliedAt, List<String> drift, List<String> failedIndexes,
            String error) {
        boolean settled = settle(workspaceId, migrationId, MigrationStatus.APPLIED, Timestamp.from(appliedAt),
                failedIndexes.isEmpty() ? null : error, drift);
        if (settled && !failedIndexes.isEmpty()) {
            int removed = jdbc.update("""
                    DELETE FROM core."indexMetadata" WHERE "workspaceId" = ? AND "name" = ANY(?)""", workspaceId,
                    failedIndexes.toArray(String[]::new));
            log.warn("Migration {} of workspace {} applied without indexes {} ({} index rows removed): {}", migrationId,
                    workspaceId, failedIndexes, removed, error);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void failed(UUID workspaceId, UUID migrationId, String error, List<String> drift) {
        if (!settle(workspaceId, migrationId, MigrationStatus.FAILED, null, error, drift)) {
            return;
        }
        try {
            undo.restore(migrationId);
        } catch (DataAccessException e) {
            // Retrying would fail the same way and block the workspace's partition: the failure stays recorded, and
            // the conflict is logged for an operator (a reconcile shows what the schema really holds).
            log.error("Could not restore the metadata of failed migration {} in workspace {}: {}", migrationId,
                    workspaceId, e.getMostSpecificCause().getMessage());
        }
    }

    /** Whether this report settled the migration (false when it was unknown or already settled). */
    private boolean settle(UUID workspaceId, UUID migrationId, MigrationStatus status, Timestamp appliedAt,
            String error, List<String> drift) {
        String driftJson = drift.isEmpty() ? null : json.writeValueAsString(drift);
        List<String> names = jdbc.queryForList(SETTLE, String.class, status.name(), appliedAt, error, driftJson,
                migrationId, workspaceId);
        if (names.isEmpty()) {
            log.info("Ignoring outcome {} of migration {} in workspace {}: unknown or already settled", status,
                    migrationId, workspaceId);
            return false;
        }
        events.publishEvent(new MigrationSettled(migrationId, workspaceId, names.getFirst(), status));
        return true;
    }
}
