package org.opencrm.webhook.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code core."webhookDelivery"}: one row per attempt. A row is PENDING until its attempt ends; a failure that
 * will be retried inserts the next attempt's row, PENDING until its {@code nextAttemptAt}. A PENDING row whose
 * {@code nextAttemptAt} lies in the future is either waiting for its retry or claimed by a sender until then.
 */
@Repository
class DeliveryLog {

    static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper mapper;

    DeliveryLog(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Adds a PENDING attempt, claimed by its caller until {@code claimedUntil}. */
    void insertPending(DeliveryAttempt attempt, Instant createdAt, Instant claimedUntil) {
        jdbc.sql("""
                INSERT INTO core."webhookDelivery"
                    ("id", "webhookId", "eventId", "eventName", "attempt", "status", "nextAttemptAt", "createdAt", "payload")
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(attempt.id(), attempt.webhookId(), attempt.eventId(), attempt.eventName(), attempt.attempt(),
                        Timestamp.from(claimedUntil), Timestamp.from(createdAt), attempt.payload())
                .update();
    }

    /** Hands a PENDING attempt back to the poller, due at {@code dueAt}. */
    void postpone(UUID id, Instant dueAt) {
        jdbc.sql("UPDATE core.\"webhookDelivery\" SET \"nextAttemptAt\" = ? WHERE \"id\" = ? AND \"status\" = 'PENDING'")
                .params(Timestamp.from(dueAt), id)
                .update();
    }

    void markSucceeded(UUID id, int responseStatus, Instant deliveredAt) {
        jdbc.sql("""
                UPDATE core."webhookDelivery"
                SET "status" = 'SUCCEEDED', "responseStatus" = ?, "error" = NULL, "nextAttemptAt" = NULL, "deliveredAt" = ?
                WHERE "id" = ? AND "status" = 'PENDING'""")
                .params(responseStatus, Timestamp.from(deliveredAt), id)
                .update();
    }

    /**
     * Ends an attempt as FAILED.
     *
     * @param retryAt when the next attempt is due, or null when there is none
     * @return whether the attempt was still PENDING (so the caller may schedule its retry)
     */
    boolean markFailed(UUID id, Integer responseStatus, String error, Instant retryAt) {
        return jdbc.sql("""
                UPDATE core."webhookDelivery"
                SET "status" = 'FAILED', "responseStatus" = ?, "error" = ?, "nextAttemptAt" = ?
                WHERE "id" = ? AND "status" = 'PENDING'""")
                .params(responseStatus, truncate(error), retryAt == null ? null : Timestamp.from(retryAt), id)
                .update() == 1;
    }

    /** Fails every PENDING attempt of a webhook that no longer takes deliveries. */
    void failPendingOf(UUID webhookId, String error) {
        jdbc.sql("""
                UPDATE core."webhookDelivery" SET "status" = 'FAILED', "error" = ?, "nextAttemptAt" = NULL
                WHERE "webhookId" = ? AND "status" = 'PENDING'""")
                .params(truncate(error), webhookId)
                .update();
    }

    /**
     * Claims up to {@code limit} PENDING attempts due at {@code now} until {@code claimedUntil}. {@code SKIP LOCKED}
     * lets several instances poll at once without taking the same rows.
     */
    List<ClaimedAttempt> claimDue(Instant now, int limit, Instant claimedUntil) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT "id" FROM core."webhookDelivery"
                    WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ?
                    ORDER BY "nextAttemptAt"
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE core."webhookDelivery" d SET "nextAttemptAt" = ?
                FROM due, core."webhook" w
                WHERE d."id" = due."id" AND w."id" = d."webhookId"
                RETURNING d."id", d."webhookId", d."eventId", d."eventName", d."attempt", d."payload",
                          w."targetUrl", w."secret", w."deletedAt" IS NOT NULL AS "webhookDeleted\"""")
                .params(Timestamp.from(now), limit, Timestamp.from(claimedUntil))
                .query((rs, row) -> new ClaimedAttempt(new DeliveryAttempt(rs.getObject("id", UUID.class),
                        rs.getObject("webhookId", UUID.class), rs.getObject("eventId", UUID.class),
                        rs.getString("eventName"), rs.getInt("attempt"), rs.getString("targetUrl"),
                        rs.getString("secret"), rs.getString("payload")), rs.getBoolean("webhookDeleted")))
                .list();
    }

    /** The webhook's most recent attempts, newest first. */
    List<DeliveryRecord> recent(UUID webhookId, int limit) {
        return jdbc.sql("""
                SELECT * FROM core."webhookDelivery" WHERE "webhookId" = ?
                ORDER BY "createdAt" DESC, "attempt" DESC LIMIT ?""")
                .params(webhookId, limit)
                .query(this::record)
                .list();
    }

    Optional<DeliveryRecord> find(UUID webhookId, UUID id) {
        return jdbc.sql("SELECT * FROM core.\"webhookDelivery\" WHERE \"id\" = ? AND \"webhookId\" = ?")
                .params(id, webhookId)
                .query(this::record)
                .optional();
    }

    /** Adds the next attempt of a failed one, PENDING until {@code dueAt}; nothing if that attempt exists already. */
    void insertRetry(DeliveryAttempt failed, Instant createdAt, Instant dueAt) {
        jdbc.sql("""
                INSERT INTO core."webhookDelivery"
                    ("id", "webhookId", "eventId", "eventName", "attempt", "status", "nextAttemptAt", "createdAt", "payload")
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
                ON CONFLICT ("webhookId", "eventId", "attempt") DO NOTHING""")
                .params(UUID.randomUUID(), failed.webhookId(), failed.eventId(), failed.eventName(), failed.attempt() + 1,
                        Timestamp.from(dueAt), Timestamp.from(createdAt), failed.payload())
                .update();
    }

    /**
     * Adds a new PENDING attempt of an event already sent to a webhook, due now and numbered after its latest
     * attempt, unless an attempt of that event is still pending.
     *
     * @return the new attempt's id, or empty when one is pending
     */
    Optional<UUID> insertReplay(UUID webhookId, UUID eventId, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO core."webhookDelivery"
                    ("id", "webhookId", "eventId", "eventName", "attempt", "status", "nextAttemptAt", "createdAt", "payload")
                SELECT ?, "webhookId", "eventId", "eventName", "attempt" + 1, 'PENDING', ?, ?, "payload"
                FROM core."webhookDelivery" latest
                WHERE "webhookId" = ? AND "eventId" = ?
                  AND NOT EXISTS (SELECT 1 FROM core."webhookDelivery" p
                                  WHERE p."webhookId" = latest."webhookId" AND p."eventId" = latest."eventId"
                                    AND p."status" = 'PENDING')
                ORDER BY "attempt" DESC LIMIT 1""")
                .params(id, Timestamp.from(now), Timestamp.from(now), webhookId, eventId)
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    private DeliveryRecord record(ResultSet rs, int row) throws SQLException {
        return new DeliveryRecord(rs.getObject("id", UUID.class), rs.getObject("webhookId", UUID.class),
                rs.getObject("eventId", UUID.class), rs.getString("eventName"), rs.getInt("attempt"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getObject("responseStatus", Integer.class),
                rs.getString("error"), instant(rs.getTimestamp("nextAttemptAt")), instant(rs.getTimestamp("createdAt")),
                instant(rs.getTimestamp("deliveredAt")), mapper.readTree(rs.getString("payload")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    /** An attempt claimed for sending; {@code webhookDeleted} when its webhook was removed since it was planned. */
    record ClaimedAttempt(DeliveryAttempt attempt, boolean webhookDeleted) {
    }
}
