package org.opencrm.webhook.delivery;

import java.time.Instant;

import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.webhook.subscription.Webhook;

import com.google.protobuf.Timestamp;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body Twenty sends for a record event: {@code targetUrl}, {@code eventName}, {@code objectMetadata},
 * {@code workspaceId}, {@code webhookId}, {@code eventDate}, {@code eventId}, {@code record} and
 * {@code updatedFields}.
 */
final class WebhookPayloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonMapper mapper;

    WebhookPayloads(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String payload(RecordChanged event, String eventName, Webhook webhook) {
        ObjectNode body = NODES.objectNode();
        body.put("targetUrl", webhook.targetUrl());
        body.put("eventName", eventName);
        ObjectNode objectMetadata = body.putObject("objectMetadata");
        objectMetadata.put("id", event.getObjectMetadataId());
        objectMetadata.put("nameSingular", event.getObjectNameSingular());
        body.put("workspaceId", event.getWorkspaceId());
        body.put("webhookId", webhook.id().toString());
        body.put("eventDate", instant(event.getOccurredAt()).toString());
        body.put("eventId", event.getEventId());
        body.set("record", StructJson.toJson(record(event)));
        ArrayNode updatedFields = body.putArray("updatedFields");
        event.getUpdatedFieldsList().forEach(updatedFields::add);
        return mapper.writeValueAsString(body);
    }

    /** The record as it is after the change; for removals, as it was before, since nothing is left after. */
    private static com.google.protobuf.Struct record(RecordChanged event) {
        boolean removal = event.getAction() == RecordAction.RECORD_ACTION_DELETED
                || event.getAction() == RecordAction.RECORD_ACTION_DESTROYED;
        if (removal && event.hasBefore()) {
            return event.getBefore();
        }
        return event.hasAfter() ? event.getAfter() : event.getBefore();
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
