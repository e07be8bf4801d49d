package org.opencrm.auth.membership;

import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Turns {@code WorkspaceCreated} events into the creator's admin membership. */
@Component
class WorkspaceEventsListener {

    private final Memberships memberships;

    WorkspaceEventsListener(Memberships memberships) {
        this.memberships = memberships;
    }

    @KafkaListener(topics = Topics.WORKSPACE_EVENTS, groupId = Memberships.CONSUMER,
            containerFactory = WorkspaceEventsConsumerConfiguration.CONTAINER_FACTORY)
    void onWorkspaceEvent(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        WorkspaceCreated event = WorkspaceCreated.parseFrom(record.value());
        memberships.recordWorkspaceCreated(UUID.fromString(event.getEventId()),
                UUID.fromString(event.getWorkspaceId()), UUID.fromString(event.getCreatorUserId()));
    }
}
