package org.opencrm.metadata.workspace;

import org.opencrm.metadata.migration.MigrationSettled;
import org.opencrm.metadata.migration.MigrationStatus;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Activates a workspace once its schema exists, or marks its creation failed; in the transaction that settles the migration. */
@Component
class WorkspaceActivation {

    private static final String SETTLE_CREATION = """
            UPDATE core."workspace" SET "activationStatus" = ?, "updatedAt" = now()
            WHERE "id" = ? AND "activationStatus" = 'PENDING_CREATION'""";

    private final JdbcTemplate jdbc;

    WorkspaceActivation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(MigrationSettled settled) {
        if (!WorkspaceProvisioning.CREATION_MIGRATION.equals(settled.migrationName())) {
            return;
        }
        String status = settled.status() == MigrationStatus.APPLIED ? "ACTIVE" : "FAILED_CREATION";
        jdbc.update(SETTLE_CREATION, status, settled.workspaceId());
    }
}
