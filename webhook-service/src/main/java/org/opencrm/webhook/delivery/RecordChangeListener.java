package org.opencrm.webhook.delivery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Consumes {@code RecordChanged} events and sends their deliveries straight from here, so a partner hears of a
 * record write within moments instead of at the next poll. The poller only takes over retries and leftovers.
 */
final class RecordChangeListener {

    private static final Logger log = LoggerFactory.getLogger(RecordChangeListener.class);

    static final String LISTENER_ID = "webhook-record-changes";

    private final DeliveryPlanner planner;
    private final DeliveryDispatcher dispatcher;

    RecordChangeListener(DeliveryPlanner planner, DeliveryDispatcher dispatcher) {
        this.planner = planner;
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.RECORD_CHANGES, groupId = "webhook-service")
    public void onRecordChanged(byte[] message) {
        RecordChanged event;
        try {
            event = RecordChanged.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            // A message no retry can fix; skipping it keeps the partition moving.
            log.warn("Skipped a message on {} that is not a RecordChanged", Topics.RECORD_CHANGES, e);
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
        List<DeliveryAttempt> attempts = planner.plan(event, eventId.get(), workspaceId.get(), eventName.get());
        dispatcher.dispatch(attempts);
    }
}
