package org.opencrm.webhook.delivery;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.security.CrmPrincipal;
import org.opencrm.webhook.FieldViolation;
import org.opencrm.webhook.InvalidRequestException;
import org.opencrm.webhook.WebhookNotFoundException;
import org.opencrm.webhook.subscription.WebhookRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/webhooks/{id}/deliveries}: every attempt made for a webhook, and replay of a past delivery. */
@RestController
@RequestMapping("/rest/webhooks/{webhookId}/deliveries")
class DeliveryLogController {

    static final int DEFAULT_LIMIT = 60;
    static final int MAX_LIMIT = 200;
    static final URI DELIVERY_PENDING = URI.create("https://opencrm.dev/problems/delivery-pending");

    private final WebhookRepository webhooks;
    private final DeliveryLog deliveryLog;
    private final Clock clock;

    DeliveryLogController(WebhookRepository webhooks, DeliveryLog deliveryLog, Clock clock) {
        this.webhooks = webhooks;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
    }

    @GetMapping
    Map<String, Map<String, List<DeliveryRecord>>> list(@PathVariable UUID webhookId,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException(List.of(new FieldViolation("limit", "range",
                    "limit must be between 1 and " + MAX_LIMIT)));
        }
        requireWebhook(webhookId);
        return Map.of("data", Map.of("webhookDeliveries", deliveryLog.recent(webhookId, limit)));
    }

    /** Sends a past delivery's payload again, as a new attempt due now. */
    @PostMapping("/{deliveryId}/replay")
    ResponseEntity<Map<String, Map<String, DeliveryRecord>>> replay(@PathVariable UUID webhookId,
            @PathVariable UUID deliveryId) {
        requireWebhook(webhookId);
        DeliveryRecord original = deliveryLog.find(webhookId, deliveryId)
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                        notFound("No delivery " + deliveryId + " of webhook " + webhookId), null));
        UUID replayId = deliveryLog.insertReplay(webhookId, original.eventId(), clock.instant())
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.CONFLICT, pending(original), null));
        DeliveryRecord replay = deliveryLog.find(webhookId, replayId).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("data", Map.of("replayWebhookDelivery", replay)));
    }

    private void requireWebhook(UUID webhookId) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        if (webhooks.findLive(workspaceId, webhookId).isEmpty()) {
            throw new WebhookNotFoundException(webhookId);
        }
    }

    private static ProblemDetail notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(URI.create("https://opencrm.dev/problems/delivery-not-found"));
        problem.setTitle("Delivery not found");
        return problem;
    }

    private static ProblemDetail pending(DeliveryRecord original) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Event " + original.eventId() + " still has a pending attempt; replay it once that attempt has ended");
        problem.setType(DELIVERY_PENDING);
        problem.setTitle("Delivery pending");
        return problem;
    }
}
