package org.opencrm.webhook.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook as the API shows it. The secret is never shown again after creation; {@code secret} is present only in
 * the answer to a create that generated it.
 */
record WebhookView(UUID id, String targetUrl, List<String> operations, String description, Instant createdAt,
        Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(Webhook webhook) {
        return new WebhookView(webhook.id(), webhook.targetUrl(), webhook.operations(), webhook.description(),
                webhook.createdAt(), webhook.updatedAt(), null);
    }

    static WebhookView withGeneratedSecret(Webhook webhook) {
        return new WebhookView(webhook.id(), webhook.targetUrl(), webhook.operations(), webhook.description(),
                webhook.createdAt(), webhook.updatedAt(), webhook.secret());
    }
}
