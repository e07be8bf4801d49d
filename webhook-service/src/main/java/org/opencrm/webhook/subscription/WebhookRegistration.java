package org.opencrm.webhook.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.opencrm.webhook.WebhookNotFoundException;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/** Creates, lists and removes a workspace's webhooks. */
@Service
class WebhookRegistration {

    private final WebhookRepository webhooks;
    private final TargetUrlValidator targetUrlValidator;
    private final Clock clock;

    WebhookRegistration(WebhookRepository webhooks, TargetUrlValidator targetUrlValidator, Clock clock) {
        this.webhooks = webhooks;
        this.targetUrlValidator = targetUrlValidator;
        this.clock = clock;
    }

    WebhookView create(UUID workspaceId, JsonNode body) {
        CreateWebhookRequest request = CreateWebhookRequest.parse(body, targetUrlValidator);
        boolean generateSecret = request.secret() == null;
        // PostgreSQL keeps microseconds; truncating here makes the answer equal what a later GET returns.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Webhook webhook = new Webhook(UUID.randomUUID(), workspaceId, request.targetUrl(), request.operations(),
                generateSecret ? WebhookSecrets.generate() : request.secret(), request.description(), now, now);
        webhooks.insert(webhook);
        return generateSecret ? WebhookView.withGeneratedSecret(webhook) : WebhookView.of(webhook);
    }

    List<WebhookView> list(UUID workspaceId) {
        return webhooks.findLive(workspaceId).stream().map(WebhookView::of).toList();
    }

    WebhookView get(UUID workspaceId, UUID id) {
        return webhooks.findLive(workspaceId, id).map(WebhookView::of).orElseThrow(() -> new WebhookNotFoundException(id));
    }

    WebhookView delete(UUID workspaceId, UUID id) {
        Webhook webhook = webhooks.findLive(workspaceId, id).orElseThrow(() -> new WebhookNotFoundException(id));
        if (!webhooks.softDelete(workspaceId, id, clock.instant())) {
            throw new WebhookNotFoundException(id);
        }
        return WebhookView.of(webhook);
    }
}
