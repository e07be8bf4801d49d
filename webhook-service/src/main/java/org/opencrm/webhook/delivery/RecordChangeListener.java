package org.opencrm.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordChangeBatch;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.webhook.subscription.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Consumes {@code RecordChanged} events, and the {@code RecordChangeBatch}es of bulk imports, and sends their
 * deliveries straight from here, so a partner hears of a record write within moments instead of at the next poll.
 * The poller only takes over retries and leftovers, and the deliveries of a batch beyond the free sending slots.
 */
final class RecordChangeListener {

    private static final Logger log = LoggerFactory.getLogger(RecordChangeListener.class);

    static final String LISTENER_ID = "webhook-record-changes";

    /** The outbox relay's header naming the message's protobuf type. */
    private static final String EVENT_TYPE_HEADER = "eventType";
    private static final String BATCH_TYPE = RecordChangeBatch.getDescriptor().getFullName();

    private final DeliveryPlanner planner;
    private final DeliveryDispatcher dispatcher;

    RecordChangeListener(DeliveryPlanner planner, DeliveryDispatcher dispatcher) {
        this.planner = planner;
        this.dispatcher = dispatcher;
    }

    /**
     * What one poll brings, in order. Each workspace's live webhooks are read once for the poll, so a burst of
     * record writes in a workspace without webhooks costs one query, not one per event.
     */
    @KafkaListener(id = LISTENER_ID, topics = Topics.RECORD_CHANGES, groupId = "webhook-service", batch = "true")
    public void onRecordChanges(List<ConsumerRecord<String, byte[]>> records) {
        Map<UUID, List<Webhook>> live = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            onRecordChanged(record, live);
        }
    }

    private void onRecordChanged(ConsumerRecord<String, byte[]> record, Map<UUID, List<Webhook>> live) {
        Header type = record.headers().lastHeader(EVENT_TYPE_HEADER);
        if (type != null && BATCH_TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            onBatch(record.value());
            return;
        }
        RecordChanged event;
        try {
            event = RecordChanged.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            // A message no retry can fix; skipping it keeps the partition moving.
            log.warn("Skipped a message on {} that is not a RecordChanged", Topics.RECORD_CHANGES, e);
            return;
        }
        if (type == null && event.getEventId().isEmpty()) {
            // Sent without the outbox's header: a batch's fields are all unknown to RecordChanged.
            onBatch(record.value());
            return;
        }
        Optional<UUID> eventId = DeliveryPlanner.uuid(event.getEventId());
        Optional<UUID> workspaceId = DeliveryPlanner.uuid(event.getWorkspaceId());
        Optional<String> eventName = EventNames.of(event);
        if (eventId.isEmpty() || workspaceId.isEmpty() || eventName.isEmpty()) {
            log.warn("Skipped RecordChanged {} of workspace {}: event id, workspace id, object or action missing",
                    event.getEventId(), event.getWorkspaceId());
            return;
        }
        List<DeliveryAttempt> attempts = planner.plan(event, eventId.get(), eventName.get(),
                live.computeIfAbsent(workspaceId.get(), planner::liveWebhooks));
        dispatcher.dispatch(attempts);
    }

    private void onBatch(byte[] message) {
        RecordChangeBatch batch;
        try {
            batch = RecordChangeBatch.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            log.warn("Skipped a message on {} that is not a RecordChangeBatch", Topics.RECORD_CHANGES, e);
            return;
        }
        Optional<UUID> eventId = DeliveryPlanner.uuid(batch.getEventId());
        Optional<UUID> workspaceId = DeliveryPlanner.uuid(batch.getWorkspaceId());
        if (eventId.isEmpty() || workspaceId.isEmpty()) {
            log.warn("Skipped a RecordChangeBatch without event id or workspace id ({} changes)", batch.getChangesCount());
            return;
        }
        dispatcher.dispatch(planner.planBatch(batch, eventId.get(), workspaceId.get()));
    }
}
