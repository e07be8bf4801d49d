package org.opencrm.metadata.migration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Reads workspace migrations for the metadata API. */
@Component
public class MigrationLog {

    private static final String COLUMNS = """
            m."id", m."workspaceId", m."name", m."status", m."appliedAt", m."error", m."createdAt", m."drift"::text AS "drift"
            """;

    // A migration is visible to tokens of its workspace and to the user who created the workspace (who holds no
    // workspace token while the workspace is still being created).
    private static final String FIND_VISIBLE = "SELECT " + COLUMNS + """
            FROM core."workspaceMigration" m JOIN core."workspace" w ON w."id" = m."workspaceId"
            WHERE m."id" = ? AND (m."workspaceId" = CAST(? AS uuid) OR w."creatorUserId" = CAST(? AS uuid))
            """;

    private static final String FIND_BY_NAME = "SELECT " + COLUMNS + """
            FROM core."workspaceMigration" m
            WHERE m."workspaceId" = ? AND m."name" = ?
            ORDER BY m."createdAt" DESC
            LIMIT 1
            """;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    MigrationLog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The migration, if the caller's workspace ({@code workspaceId}) or the workspace's creator ({@code userId}) asks. */
    public Optional<MigrationView> findVisible(UUID migrationId, UUID workspaceId, UUID userId) {
        return jdbc.query(FIND_VISIBLE, this::view, migrationId, workspaceId, userId).stream().findFirst();
    }

    /** The latest migration of the workspace with that name. */
    public Optional<MigrationView> findByName(UUID workspaceId, String name) {
        return jdbc.query(FIND_BY_NAME, this::view, workspaceId, name).stream().findFirst();
    }

    private MigrationView view(ResultSet rs, int row) throws SQLException {
        String drift = rs.getString("drift");
        return new MigrationView(
                rs.getObject("id", UUID.class),
                rs.getObject("workspaceId", UUID.class),
                rs.getString("name"),
                MigrationStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("appliedAt")),
                rs.getString("error"),
                instant(rs.getTimestamp("createdAt")),
                drift == null ? null : List.of(json.readValue(drift, String[].class)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
