package org.opencrm.webhook.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The live (not soft-deleted) rows of {@code core."webhook"}. */
@Repository
public class WebhookRepository {

    private static final String COLUMNS =
            "\"id\", \"workspaceId\", \"targetUrl\", \"operations\", \"secret\", \"description\", \"createdAt\", \"updatedAt\"";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Webhook webhook) {
        jdbc.sql("INSERT INTO core.\"webhook\" (" + COLUMNS + ") VALUES (?, ?, ?, ?::text[], ?, ?, ?, ?)")
                .params(webhook.id(), webhook.workspaceId(), webhook.targetUrl(),
                        webhook.operations().toArray(String[]::new), webhook.secret(), webhook.description(),
                        Timestamp.from(webhook.createdAt()), Timestamp.from(webhook.updatedAt()))
                .update();
    }

    /** The workspace's live webhooks, oldest first. */
    public List<Webhook> findLive(UUID workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM core.\"webhook\" WHERE \"workspaceId\" = ? AND \"deletedAt\" IS NULL"
                        + " ORDER BY \"createdAt\", \"id\"")
                .param(workspaceId)
                .query(WebhookRepository::webhook)
                .list();
    }

    /** The webhook if it is live and belongs to the workspace. */
    public Optional<Webhook> findLive(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM core.\"webhook\" WHERE \"id\" = ? AND \"workspaceId\" = ? AND \"deletedAt\" IS NULL")
                .params(id, workspaceId)
                .query(WebhookRepository::webhook)
                .optional();
    }

    /** Soft-deletes a live webhook of the workspace; {@code false} if there was none. */
    boolean softDelete(UUID workspaceId, UUID id, Instant at) {
        return jdbc.sql("UPDATE core.\"webhook\" SET \"deletedAt\" = ?, \"updatedAt\" = ?"
                        + " WHERE \"id\" = ? AND \"workspaceId\" = ? AND \"deletedAt\" IS NULL")
                .params(Timestamp.from(at), Timestamp.from(at), id, workspaceId)
                .update() == 1;
    }

    /** Soft-deletes a webhook whatever its workspace: the endpoint told us it is gone for good. */
    public void softDelete(UUID id, Instant at) {
        jdbc.sql("UPDATE core.\"webhook\" SET \"deletedAt\" = ?, \"updatedAt\" = ? WHERE \"id\" = ? AND \"deletedAt\" IS NULL")
                .params(Timestamp.from(at), Timestamp.from(at), id)
                .update();
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        Array operations = rs.getArray("operations");
        return new Webhook(rs.getObject("id", UUID.class), rs.getObject("workspaceId", UUID.class),
                rs.getString("targetUrl"), Arrays.asList((String[]) operations.getArray()), rs.getString("secret"),
                rs.getString("description"), rs.getTimestamp("createdAt").toInstant(),
                rs.getTimestamp("updatedAt").toInstant());
    }
}
