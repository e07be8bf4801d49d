package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.webhook.subscription.Webhook;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Webhook WEBHOOK = new Webhook(UUID.randomUUID(), UUID.randomUUID(), "https://partner.example/hook",
            List.of("*.*"), "partner-secret-0123456789", null, Instant.now(), Instant.now());

    @Test
    void buildsTwentysPayloadFromAnUpdate() {
        RecordChanged event = event(RecordAction.RECORD_ACTION_UPDATED)
                .setBefore(record("Old"))
                .setAfter(record("New"))
                .addUpdatedFields("name")
                .build();

        JsonNode payload = JSON.readTree(new WebhookPayloads(JSON).payload(event, "person.updated", WEBHOOK));

        assertThat(payload.get("targetUrl").stringValue()).isEqualTo("https://partner.example/hook");
        assertThat(payload.get("eventName").stringValue()).isEqualTo("person.updated");
        assertThat(payload.at("/objectMetadata/id").stringValue()).isEqualTo(event.getObjectMetadataId());
        assertThat(payload.at("/objectMetadata/nameSingular").stringValue()).isEqualTo("person");
        assertThat(payload.get("workspaceId").stringValue()).isEqualTo(event.getWorkspaceId());
        assertThat(payload.get("webhookId").stringValue()).isEqualTo(WEBHOOK.id().toString());
        assertThat(payload.get("eventDate").stringValue()).isEqualTo("2026-01-02T03:04:05.006Z");
        assertThat(payload.get("eventId").stringValue()).isEqualTo(event.getEventId());
        assertThat(payload.at("/record/name/firstName").stringValue()).isEqualTo("New");
        assertThat(payload.get("updatedFields").get(0).stringValue()).isEqualTo("name");
    }

    @Test
    void showsTheRecordAsItWasBeforeForDeletes() {
        RecordChanged event = event(RecordAction.RECORD_ACTION_DESTROYED).setBefore(record("Gone")).build();

        JsonNode payload = JSON.readTree(new WebhookPayloads(JSON).payload(event, "person.destroyed", WEBHOOK));

        assertThat(payload.at("/record/name/firstName").stringValue()).isEqualTo("Gone");
        assertThat(payload.get("updatedFields")).isEmpty();
    }

    @Test
    void writesWholeNumbersAsIntegersAndKeepsNullsListsAndFractions() {
        Struct values = Struct.newBuilder()
                .putFields("employees", Value.newBuilder().setNumberValue(42).build())
                .putFields("score", Value.newBuilder().setNumberValue(4.5).build())
                .putFields("city", Value.newBuilder().setNullValueValue(0).build())
                .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("vip"))
                        .addValues(Value.newBuilder().setBoolValue(true))).build())
                .putFields("broken", Value.newBuilder().setNumberValue(Double.NaN).build())
                .build();

        JsonNode json = StructJson.toJson(values);

        assertThat(json.get("employees").isIntegralNumber()).isTrue();
        assertThat(json.get("employees").longValue()).isEqualTo(42);
        assertThat(json.get("score").doubleValue()).isEqualTo(4.5);
        assertThat(json.get("city").isNull()).isTrue();
        assertThat(json.get("tags").get(0).stringValue()).isEqualTo("vip");
        assertThat(json.get("tags").get(1).booleanValue()).isTrue();
        assertThat(json.get("broken").isNull()).isTrue();
    }

    private static RecordChanged.Builder event(RecordAction action) {
        Instant at = Instant.parse("2026-01-02T03:04:05.006Z");
        return RecordChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setWorkspaceId(WEBHOOK.workspaceId().toString())
                .setObjectMetadataId(UUID.randomUUID().toString())
                .setObjectNameSingular("person")
                .setObjectNamePlural("people")
                .setAction(action);
    }

    private static Struct record(String firstName) {
        return Struct.newBuilder().putFields("name", Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("firstName", Value.newBuilder().setStringValue(firstName).build())).build()).build();
    }
}
