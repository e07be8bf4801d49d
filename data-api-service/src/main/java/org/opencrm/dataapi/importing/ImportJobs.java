package org.opencrm.dataapi.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code core."importJob"} rows: every read is scoped to the caller's workspace. */
class ImportJobs {

    private static final String COLUMNS = "\"id\", \"workspaceId\", \"objectNamePlural\", \"format\", \"status\", "
            + "\"rowsDone\", \"rowsTotal\", \"rowsRejected\", \"rejected\", \"error\", \"createdAt\", \"startedAt\", "
            + "\"finishedAt\"";
    private static final TypeReference<List<ImportJob.Rejection>> REJECTIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ImportJobs(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertQueued(UUID id, UUID workspaceId, UUID objectMetadataId, String objectNamePlural, ImportFormat format) {
        jdbc.update("INSERT INTO core.\"importJob\" (\"id\", \"workspaceId\", \"objectMetadataId\", \"objectNamePlural\", "
                + "\"format\", \"status\") VALUES (?, ?, ?, ?, ?, ?)", id, workspaceId, objectMetadataId, objectNamePlural,
                format.name(), ImportJob.Status.QUEUED.name());
    }

    Optional<ImportJob> find(UUID workspaceId, UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM core.\"importJob\" WHERE \"id\" = ? AND \"workspaceId\" = ?",
                this::job, id, workspaceId).stream().findFirst();
    }

    /** The workspace's latest imports, newest first. */
    List<ImportJob> latest(UUID workspaceId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM core.\"importJob\" WHERE \"workspaceId\" = ? "
                + "ORDER BY \"createdAt\" DESC, \"id\" LIMIT ?", this::job, workspaceId, limit);
    }

    void started(UUID id) {
        jdbc.update("UPDATE core.\"importJob\" SET \"status\" = ?, \"startedAt\" = now() WHERE \"id\" = ?",
                ImportJob.Status.RUNNING.name(), id);
    }

    /** The progress so far; runs in the transaction of the chunk it counts, so it never runs ahead of the rows. */
    void progressed(UUID id, long rowsDone, long rowsRejected, List<ImportJob.Rejection> rejected) {
        jdbc.update("UPDATE core.\"importJob\" SET \"rowsDone\" = ?, \"rowsRejected\" = ?, \"rejected\" = CAST(? AS jsonb) "
                + "WHERE \"id\" = ?", rowsDone, rowsRejected, json.writeValueAsString(rejected), id);
    }

    void finished(UUID id, long rowsDone, long rowsTotal, long rowsRejected, List<ImportJob.Rejection> rejected) {
        jdbc.update("UPDATE core.\"importJob\" SET \"status\" = ?, \"rowsDone\" = ?, \"rowsTotal\" = ?, "
                + "\"rowsRejected\" = ?, \"rejected\" = CAST(? AS jsonb), \"finishedAt\" = now() WHERE \"id\" = ?",
                ImportJob.Status.COMPLETED.name(), rowsDone, rowsTotal, rowsRejected,
                json.writeValueAsString(rejected), id);
    }

    /** @param error a sentence for the client: never SQL text or a stack trace */
    void failed(UUID id, String error) {
        jdbc.update("UPDATE core.\"importJob\" SET \"status\" = ?, \"error\" = ?, \"finishedAt\" = now() WHERE \"id\" = ?",
                ImportJob.Status.FAILED.name(), error, id);
    }

    private ImportJob job(ResultSet row, int rowNum) throws SQLException {
        long total = row.getLong("rowsTotal");
        Long rowsTotal = row.wasNull() ? null : total;
        return new ImportJob(row.getObject("id", UUID.class), row.getObject("workspaceId", UUID.class),
                row.getString("objectNamePlural"), ImportFormat.valueOf(row.getString("format")),
                ImportJob.Status.valueOf(row.getString("status")), row.getLong("rowsDone"), rowsTotal,
                row.getLong("rowsRejected"), json.readValue(row.getString("rejected"), REJECTIONS),
                row.getString("error"), instant(row, "createdAt"), instant(row, "startedAt"),
                instant(row, "finishedAt"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp time = row.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }
}
