package org.opencrm.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One attempt to deliver one event to one webhook, as a sender needs it.
 *
 * @param id      the attempt's row in {@code core."webhookDelivery"}
 * @param attempt 1 for the first attempt, counting up with each retry
 * @param payload the exact JSON body, the same bytes on every attempt
 */
record DeliveryAttempt(UUID id, UUID webhookId, UUID eventId, String eventName, int attempt, String targetUrl,
        String secret, String payload) {

    /**
     * The Standard Webhooks message id: the same for every attempt to deliver this event to this webhook, so the
     * partner can drop the copies a retry after a lost response produces.
     */
    String messageId() {
        return "msg_" + UUID.nameUUIDFromBytes((webhookId + "/" + eventId).getBytes(StandardCharsets.UTF_8));
    }
}
