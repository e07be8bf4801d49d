package org.opencrm.webhook.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's subscription: where to send which record events, and the secret that signs them.
 *
 * @param operations patterns such as {@code person.created}, {@code person.*}, {@code *.created}, {@code *.*}
 */
public record Webhook(UUID id, UUID workspaceId, String targetUrl, List<String> operations, String secret,
        String description, Instant createdAt, Instant updatedAt) {

    public Webhook {
        operations = List.copyOf(operations);
    }
}
