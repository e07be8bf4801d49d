package org.opencrm.webhook.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.proto.records.v1.RecordChangeBatch;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.webhook.subscription.Webhook;
import org.opencrm.webhook.subscription.WebhookRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a record event into the first attempt for each matching webhook, in one transaction with the event's
 * deduplication mark, so a redelivered event plans nothing twice.
 */
final class DeliveryPlanner {

    /** The consumer name under which handled events are remembered. */
    static final String CONSUMER = "webhook-service";

    private final ProcessedEvents processedEvents;
    private final WebhookRepository webhooks;
    private final DeliveryLog deliveryLog;
    private final WebhookPayloads payloads;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryProperties properties;

    DeliveryPlanner(ProcessedEvents processedEvents, WebhookRepository webhooks, DeliveryLog deliveryLog,
            WebhookPayloads payloads, TransactionTemplate transaction, Clock clock, DeliveryProperties properties) {
        this.processedEvents = processedEvents;
        this.webhooks = webhooks;
        this.deliveryLog = deliveryLog;
        this.payloads = payloads;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    /** The live webhooks of a workspace, for {@link #plan}. */
    List<Webhook> liveWebhooks(UUID workspaceId) {
        return webhooks.findLive(workspaceId);
    }

    /**
     * Records the first attempts, claimed by the caller, which sends them right away. An event none of the
     * workspace's {@code live} webhooks wants touches nothing: there is no attempt to record and nothing to
     * deduplicate, and most workspaces have no webhook, so most record events cost no write here.
     *
     * @param live the workspace's live webhooks ({@link #liveWebhooks}), read at most a poll ago
     * @return the attempts to send; empty when the event was handled before or no webhook wants it
     */
    List<DeliveryAttempt> plan(RecordChanged event, UUID eventId, String eventName, List<Webhook> live) {
        if (live.stream().noneMatch(webhook -> OperationMatcher.matchesAny(webhook.operations(), eventName))) {
            return List.of();
        }
        return transaction.execute(status -> {
            if (!processedEvents.markProcessed(CONSUMER, eventId)) {
                return List.<DeliveryAttempt>of();
            }
            List<DeliveryAttempt> attempts = new ArrayList<>();
            plan(event, eventId, eventName, live, attempts);
            return List.copyOf(attempts);
        });
    }

    /**
     * Records the first attempts for every change of a batch (a bulk import's), in one transaction deduplicated on
     * the batch's event id. A change without an event id, object or action is skipped.
     *
     * @return the attempts to send; empty when the batch was handled before or no webhook wants its changes
     */
    List<DeliveryAttempt> planBatch(RecordChangeBatch batch, UUID batchEventId, UUID workspaceId) {
        return transaction.execute(status -> {
            List<Webhook> live = webhooks.findLive(workspaceId);
            if (live.isEmpty() || !processedEvents.markProcessed(CONSUMER, batchEventId)) {
                return List.<DeliveryAttempt>of();
            }
            List<DeliveryAttempt> attempts = new ArrayList<>();
            for (RecordChanged change : batch.getChangesList()) {
                Optional<UUID> eventId = uuid(change.getEventId());
                Optional<String> eventName = EventNames.of(change);
                if (eventId.isPresent() && eventName.isPresent()) {
                    plan(change, eventId.get(), eventName.get(), live, attempts);
                }
            }
            return List.copyOf(attempts);
        });
    }

    private void plan(RecordChanged event, UUID eventId, String eventName, List<Webhook> live,
            List<DeliveryAttempt> attempts) {
        Instant now = clock.instant();
        Instant claimedUntil = now.plus(properties.claimLease());
        for (Webhook webhook : live) {
            if (OperationMatcher.matchesAny(webhook.operations(), eventName)) {
                DeliveryAttempt attempt = new DeliveryAttempt(UUID.randomUUID(), webhook.id(), eventId, eventName, 1,
                        webhook.targetUrl(), webhook.secret(), payloads.payload(event, eventName, webhook));
                deliveryLog.insertPending(attempt, now, claimedUntil);
                attempts.add(attempt);
            }
        }
    }

    static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
