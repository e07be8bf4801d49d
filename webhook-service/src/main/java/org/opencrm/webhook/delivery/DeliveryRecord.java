package org.opencrm.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One attempt as the delivery log shows it.
 *
 * @param nextAttemptAt for a pending attempt, when it is due; for a failed one, when its retry is due (null if none)
 * @param deliveredAt   when the endpoint accepted it; null unless it succeeded
 */
record DeliveryRecord(UUID id, UUID webhookId, UUID eventId, String eventName, int attempt, DeliveryStatus status,
        Integer responseStatus, String error, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
        JsonNode payload) {
}
