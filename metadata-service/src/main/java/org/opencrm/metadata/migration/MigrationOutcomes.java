package org.opencrm.metadata.migration;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what migration-worker reported for a migration. The objects and fields a migration created read their
 * status from it, so this one row is all that changes.
 */
@Component
class MigrationOutcomes {

    private static final Logger log = LoggerFactory.getLogger(MigrationOutcomes.class);

    // Only a PENDING migration settles: a late or repeated report never rewrites an outcome.
    private static final String SETTLE = """
            UPDATE core."workspaceMigration"
            SET "status" = ?, "appliedAt" = ?, "error" = ?
            WHERE "id" = ? AND "workspaceId" = ? AND "status" = 'PENDING'
            RETURNING "name"
            """;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    MigrationOutcomes(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void applied(UUID workspaceId, UUID migrationId, Instant appliedAt) {
        settle(workspaceId, migrationId, MigrationStatus.APPLIED, Timestamp.from(appliedAt), null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void failed(UUID workspaceId, UUID migrationId, String error) {
        settle(workspaceId, migrationId, MigrationStatus.FAILED, null, error);
    }

    private void settle(UUID workspaceId, UUID migrationId, MigrationStatus status, Timestamp appliedAt,
            String error) {
        List<String> names = jdbc.queryForList(SETTLE, String.class, status.name(), appliedAt, error, migrationId,
                workspaceId);
        if (names.isEmpty()) {
            log.info("Ignoring outcome {} of migration {} in workspace {}: unknown or already settled", status,
                    migrationId, workspaceId);
            return;
        }
        events.publishEvent(new MigrationSettled(migrationId, workspaceId, names.getFirst(), status));
    }
}
