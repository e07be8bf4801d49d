package org.opencrm.dataapi.timeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.dataapi.record.RecordStructs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code timelineActivity} row Twenty writes for a record event: {@code name} {@code person.created},
 * {@code happensAt} the event's time, the record in {@code linkedRecordId} and in the target relation column
 * ({@code targetPersonId}, {@code targetPetId}), {@code linkedRecordCachedName} its label, and
 * {@code properties} {@code {"after": ...}} for a creation or restoration, {@code {"before": ...}} for a deletion
 * and {@code {"diff": {"field": {"before": ..., "after": ...}}}} for an update.
 */
final class TimelineActivities {

    private TimelineActivities() {
    }

    /** One row to insert: column name to value, values already in JDBC form (jsonb as its text). */
    record Row(Map<String, Object> values) {
    }

    /**
     * The row for the event, or empty when Twenty writes none: destructions (the target row is gone), updates that
     * change nothing, events of timeline activities themselves, or a table without the record's target column.
     */
    static Optional<Row> of(RecordChanged event, Set<String> columns) {
        if (event.getObjectNameSingular().equals(TimelineColumns.TABLE) || columns.isEmpty()) {
            return Optional.empty();
        }
        String targetColumn = "target" + capitalized(event.getObjectNameSingular()) + "Id";
        if (!columns.contains(targetColumn)) {
            return Optional.empty();
        }
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        switch (event.getAction()) {
            case RECORD_ACTION_CREATED, RECORD_ACTION_RESTORED -> properties.set("after", json(event.getAfter()));
            case RECORD_ACTION_DELETED -> properties.set("before", json(event.getBefore()));
            case RECORD_ACTION_UPDATED -> {
                ObjectNode diff = diff(event);
                if (diff.isEmpty()) {
                    return Optional.empty();
                }
                properties.set("diff", diff);
            }
            case RECORD_ACTION_DESTROYED, RECORD_ACTION_UNSPECIFIED, UNRECOGNIZED -> {
                return Optional.empty();
            }
        }
        UUID recordId = UUID.fromString(event.getRecordId());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", event.getObjectNameSingular() + "." + actionName(event.getAction()));
        values.put("happensAt", java.sql.Timestamp.from(Instant.ofEpochSecond(event.getOccurredAt().getSeconds(),
                event.getOccurredAt().getNanos())));
        values.put("properties", properties.toString());
        values.put("linkedRecordId", recordId);
        values.put("linkedRecordCachedName", cachedName(event.getAction() == RecordAction.RECORD_ACTION_DELETED
                ? event.getBefore() : event.getAfter()));
        if (!event.getObjectMetadataId().isEmpty()) {
            values.put("linkedObjectMetadataId", UUID.fromString(event.getObjectMetadataId()));
        }
        values.put(targetColumn, recordId);
        if (!event.getWorkspaceMemberId().isEmpty()) {
            values.put("workspaceMemberId", UUID.fromString(event.getWorkspaceMemberId()));
        }
        values.keySet().retainAll(columns);
        return Optional.of(new Row(values));
    }

    static String actionName(RecordAction action) {
        return switch (action) {
            case RECORD_ACTION_CREATED -> "created";
            case RECORD_ACTION_UPDATED -> "updated";
            case RECORD_ACTION_DELETED -> "deleted";
            case RECORD_ACTION_RESTORED -> "restored";
            case RECORD_ACTION_DESTROYED -> "destroyed";
            case RECORD_ACTION_UNSPECIFIED, UNRECOGNIZED -> "unknown";
        };
    }

    /** The fields the event names as updated whose value changed, each with its value before and after. */
    private static ObjectNode diff(RecordChanged event) {
        JsonNode before = json(event.getBefore());
        JsonNode after = json(event.getAfter());
        ObjectNode diff = JsonNodeFactory.instance.objectNode();
        for (String field : event.getUpdatedFieldsList()) {
            JsonNode old = before.path(field);
            JsonNode now = after.path(field);
            if (!old.equals(now)) {
                ObjectNode change = diff.putObject(field);
                change.set("before", old.isMissingNode() ? JsonNodeFactory.instance.nullNode() : old);
                change.set("after", now.isMissingNode() ? JsonNodeFactory.instance.nullNode() : now);
            }
        }
        return diff;
    }

    /** The record's label as Twenty caches it: its name, a full name's first and last name, or its title. */
    private static String cachedName(Struct record) {
        Value name = record.getFieldsOrDefault("name", null);
        if (name != null && name.hasStringValue()) {
            return name.getStringValue();
        }
        if (name != null && name.hasStructValue()) {
            Struct fullName = name.getStructValue();
            String first = fullName.getFieldsOrDefault("firstName", Value.getDefaultInstance()).getStringValue();
            String last = fullName.getFieldsOrDefault("lastName", Value.getDefaultInstance()).getStringValue();
            return (first + " " + last).strip();
        }
        Value title = record.getFieldsOrDefault("title", null);
        return title != null && title.hasStringValue() ? title.getStringValue() : "";
    }

    private static JsonNode json(Struct struct) {
        return RecordStructs.toJson(struct);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
