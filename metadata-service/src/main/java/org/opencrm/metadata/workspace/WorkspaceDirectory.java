package org.opencrm.metadata.workspace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.metadata.migration.MigrationLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads workspaces for the callers allowed to see them. */
@Component
class WorkspaceDirectory {

    // Visible to tokens scoped to the workspace and to the user who created it (who has no workspace token until
    // auth-service has made them its member).
    private static final String FIND_VISIBLE = """
            SELECT "id", "displayName", "activationStatus", "schemaName", "creatorUserId", "createdAt"
            FROM core."workspace"
            WHERE "id" = ? AND ("id" = CAST(? AS uuid) OR "creatorUserId" = CAST(? AS uuid))""";

    private final JdbcTemplate jdbc;
    private final MigrationLog migrations;

    WorkspaceDirectory(JdbcTemplate jdbc, MigrationLog migrations) {
        this.jdbc = jdbc;
        this.migrations = migrations;
    }

    Optional<WorkspaceView> findVisible(UUID workspaceId, UUID callerWorkspaceId, UUID callerUserId) {
        List<WorkspaceView> found = jdbc.query(FIND_VISIBLE, (rs, row) -> new WorkspaceView(
                rs.getObject("id", UUID.class),
                rs.getString("displayName"),
                rs.getString("activationStatus"),
                rs.getString("schemaName"),
                rs.getObject("creatorUserId", UUID.class),
                rs.getTimestamp("createdAt").toInstant(),
                null), workspaceId, callerWorkspaceId, callerUserId);
        return found.stream().findFirst().map(workspace -> new WorkspaceView(workspace.id(), workspace.displayName(),
                workspace.activationStatus(), workspace.schemaName(), workspace.creatorUserId(), workspace.createdAt(),
                migrations.findByName(workspaceId, WorkspaceProvisioning.CREATION_MIGRATION).orElse(null)));
    }
}
