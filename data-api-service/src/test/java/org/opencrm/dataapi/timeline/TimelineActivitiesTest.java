package org.opencrm.dataapi.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;

import org.junit.jupiter.api.Test;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;

class TimelineActivitiesTest {

    private static final Set<String> COLUMNS = Set.of("name", "happensAt", "properties", "linkedRecordId",
            "linkedRecordCachedName", "linkedObjectMetadataId", "workspaceMemberId", "targetPersonId");
    private static final String RECORD_ID = UUID.randomUUID().toString();

    @Test
    void anUpdateBecomesADiffOfTheFieldsThatChanged() {
        RecordChanged event = event(RecordAction.RECORD_ACTION_UPDATED)
                .setBefore(record("Analyst", "Ada"))
                .setAfter(record("Countess", "Ada"))
                .addUpdatedFields("jobTitle").addUpdatedFields("city")
                .setWorkspaceMemberId(UUID.randomUUID().toString())
                .build();

        var row = TimelineActivities.of(event, COLUMNS).orElseThrow().values();

        assertThat(row.get("name")).isEqualTo("person.updated");
        assertThat(row.get("properties").toString())
                .isEqualTo("{\"diff\":{\"jobTitle\":{\"before\":\"Analyst\",\"after\":\"Countess\"}}}");
        assertThat(row.get("targetPersonId")).isEqualTo(UUID.fromString(RECORD_ID));
        assertThat(row.get("linkedRecordCachedName")).isEqualTo("Ada");
        assertThat(row).containsKey("workspaceMemberId");
    }

    @Test
    void writesNothingForAnUpdateThatChangesNothingADestructionOrAnUnknownTarget() {
        RecordChanged same = event(RecordAction.RECORD_ACTION_UPDATED).setBefore(record("A", "Ada"))
                .setAfter(record("A", "Ada")).addUpdatedFields("jobTitle").build();
        assertThat(TimelineActivities.of(same, COLUMNS)).isEmpty();
        assertThat(TimelineActivities.of(event(RecordAction.RECORD_ACTION_DESTROYED)
                .setBefore(record("A", "Ada")).build(), COLUMNS)).isEmpty();
        assertThat(TimelineActivities.of(event(RecordAction.RECORD_ACTION_CREATED).setObjectNameSingular("rocket")
                .setAfter(record("A", "Ada")).build(), COLUMNS)).isEmpty();
        assertThat(TimelineActivities.of(event(RecordAction.RECORD_ACTION_CREATED)
                .setAfter(record("A", "Ada")).build(), Set.of())).isEmpty();
    }

    private static RecordChanged.Builder event(RecordAction action) {
        return RecordChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setWorkspaceId(UUID.randomUUID().toString()).setObjectNameSingular("person")
                .setObjectMetadataId(UUID.randomUUID().toString()).setRecordId(RECORD_ID).setAction(action)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(1_700_000_000));
    }

    private static Struct record(String jobTitle, String name) {
        return Struct.newBuilder()
                .putFields("id", Value.newBuilder().setStringValue(RECORD_ID).build())
                .putFields("jobTitle", Value.newBuilder().setStringValue(jobTitle).build())
                .putFields("city", Value.newBuilder().setStringValue("").build())
                .putFields("name", Value.newBuilder().setStringValue(name).build())
                .build();
    }
}
