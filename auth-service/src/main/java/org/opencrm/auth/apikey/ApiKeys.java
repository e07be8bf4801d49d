package org.opencrm.auth.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.Timestamp;
import org.opencrm.auth.token.TokenSigner;
import org.opencrm.auth.web.Problems;
import org.opencrm.outbox.Outbox;
import org.opencrm.proto.Topics;
import org.opencrm.proto.auth.v1.ApiKeyRevoked;
import org.opencrm.security.RevokedApiKeyLoader;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's API keys in {@code core."apiKey"}. Revoking one announces {@code ApiKeyRevoked} through the outbox in
 * the same transaction, so every service learns of it exactly when it is committed. Also the source of this service's
 * own revoked-key list (security-support's {@link RevokedApiKeyLoader}).
 */
@Component
class ApiKeys implements RevokedApiKeyLoader {

    private static final String COLUMNS = "\"id\", \"name\", \"expiresAt\", \"revokedAt\", \"createdAt\"";

    private final JdbcClient jdbc;
    private final TokenSigner signer;
    private final Outbox outbox;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, TokenSigner signer, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    CreatedApiKey create(UUID workspaceId, UUID createdByUserId, String name, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO core.\"apiKey\" (\"id\", \"workspaceId\", \"name\", \"expiresAt\", \"createdByUserId\", "
                        + "\"createdAt\") VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, workspaceId, name, utc(expiresAt), createdByUserId, utc(clock.instant()))
                .update();
        return new CreatedApiKey(id, name, expiresAt, null, signer.apiKey(id, workspaceId, expiresAt).token());
    }

    List<ApiKey> list(UUID workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM core.\"apiKey\" WHERE \"workspaceId\" = ? "
                        + "ORDER BY \"createdAt\", \"id\"")
                .param(workspaceId)
                .query(ApiKeys::apiKey)
                .list();
    }

    /** Revokes the key if it is still active; revoking it again changes and announces nothing. */
    @Transactional
    ApiKey revoke(UUID workspaceId, UUID apiKeyId) {
        Instant now = clock.instant();
        Optional<ApiKey> revoked = jdbc.sql("UPDATE core.\"apiKey\" SET \"revokedAt\" = ? "
                        + "WHERE \"id\" = ? AND \"workspaceId\" = ? AND \"revokedAt\" IS NULL RETURNING " + COLUMNS)
                .params(utc(now), apiKeyId, workspaceId)
                .query(ApiKeys::apiKey)
                .optional();
        if (revoked.isEmpty()) {
            return find(workspaceId, apiKeyId).orElseThrow(() -> Problems.problem(HttpStatus.NOT_FOUND,
                    "api-key-not-found", "API key not found", "id " + apiKeyId + " is not an API key of this workspace"));
        }
        UUID eventId = UUID.randomUUID();
        outbox.append(Topics.API_KEY_EVENTS, workspaceId.toString(), eventId, ApiKeyRevoked.newBuilder()
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(workspaceId.toString())
                .setApiKeyId(apiKeyId.toString())
                .build());
        return revoked.get();
    }

    /**
     * The revoked keys that have not expired yet: expired ones are refused anyway, so the list stays short.
     * Read as a list: JdbcClient's stream() keeps its connection until the stream is closed.
     */
    @Override
    public Set<UUID> loadRevokedApiKeyIds() {
        return Set.copyOf(jdbc.sql("SELECT \"id\" FROM core.\"apiKey\" WHERE \"revokedAt\" IS NOT NULL AND \"expiresAt\" > ?")
                .param(utc(clock.instant()))
                .query(UUID.class)
                .list());
    }

    private Optional<ApiKey> find(UUID workspaceId, UUID apiKeyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM core.\"apiKey\" WHERE \"id\" = ? AND \"workspaceId\" = ?")
                .params(apiKeyId, workspaceId)
                .query(ApiKeys::apiKey)
                .optional();
    }

    private static ApiKey apiKey(ResultSet row, int rowNumber) throws SQLException {
        return new ApiKey(row.getObject("id", UUID.class), row.getString("name"), instant(row, "expiresAt"),
                instant(row, "revokedAt"), instant(row, "createdAt"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
