package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.RelationType;
import org.opencrm.schema.SystemFields;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twenty's {@code PATCH /rest/{plural}/merge} ({@code {"ids": [...], "conflictPriorityIndex": 0, "dryRun": false}}):
 * the record at {@code conflictPriorityIndex} is kept. Each of its fields keeps its value, or when empty takes the
 * first non-empty value of the others in {@code ids} order; emails and array or multi-select values are the union of
 * all. Every many-to-one relation pointing at the other records is moved to the kept one, then the others are
 * soft-deleted, all in one transaction. {@code dryRun} answers the merged record and writes nothing.
 */
final class RecordMerge {

    /** Twenty merges at most this many records at once. */
    static final int MAX_RECORDS = 9;

    private static final Set<String> NOT_MERGED = Set.of(SystemFields.ID, SystemFields.CREATED_AT,
            SystemFields.UPDATED_AT, SystemFields.DELETED_AT, SystemFields.CREATED_BY, SystemFields.UPDATED_BY,
            SystemFields.POSITION);

    private final RecordOperations operations;
    private final RecordStore store;

    RecordMerge(RecordOperations operations, RecordStore store) {
        this.operations = operations;
        this.store = store;
    }

    StoredRecord merge(RecordCaller caller, String plural, JsonNode body) {
        Request request = Request.read(body);
        RecordTable table = operations.tableOf(caller, plural);
        List<ObjectModel> workspaceObjects = operations.models()
                .current(caller.workspaceId(), caller.authorization()).objects();
        return RecordOperations.translated(table, () -> store.inTransaction(() -> {
            Map<String, ObjectNode> found = store.findLive(table, request.ids(), !request.dryRun()).stream()
                    .collect(Collectors.toMap(record -> record.path("id").asString(), Function.identity()));
            List<ObjectNode> records = new ArrayList<>();
            for (UUID id : request.ids()) {
                ObjectNode record = found.get(id.toString());
                if (record == null) {
                    throw RecordNotFoundException.record(table.object().nameSingular(), id);
                }
                records.add(record);
            }
            ObjectNode kept = records.get(request.conflictPriorityIndex());
            List<ObjectNode> ordered = new ArrayList<>();
            ordered.add(kept);
            records.stream().filter(record -> record != kept).forEach(ordered::add);
            ObjectNode changes = changes(table.object(), ordered);
            if (request.dryRun()) {
                ObjectNode preview = kept.deepCopy();
                changes.properties().forEach(entry -> preview.set(entry.getKey(), entry.getValue()));
                return new StoredRecord(table.object(), preview);
            }
            UUID keptId = UUID.fromString(kept.path("id").asString());
            List<UUID> others = request.ids().stream().filter(id -> !id.equals(keptId)).toList();
            moveRelations(caller, table, workspaceObjects, others, keptId);
            store.softDelete(table, others);
            if (changes.isEmpty()) {
                return new StoredRecord(table.object(), store.findLive(table, List.of(keptId), false).getFirst());
            }
            return operations.update(caller, plural, keptId.toString(), changes);
        }));
    }

    /** The body of the update that gives the kept record (first of {@code records}) the merged values. */
    static ObjectNode changes(ObjectModel object, List<ObjectNode> records) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        ObjectNode kept = records.getFirst();
        for (RecordKey key : RecordKey.of(object).values()) {
            if (NOT_MERGED.contains(key.key()) || key.field().type() instanceof FieldType.Actor) {
                continue;
            }
            JsonNode merged = merged(key, records);
            if (merged != null && !merged.equals(kept.path(key.key()))) {
                changes.set(key.key(), merged);
            }
        }
        return changes;
    }

    private static JsonNode merged(RecordKey key, List<ObjectNode> records) {
        List<JsonNode> values = records.stream().map(record -> record.path(key.key())).toList();
        return switch (key.field().type()) {
            case FieldType.Emails t -> mergedEmails(values);
            case FieldType.Array t -> union(values);
            case FieldType.MultiSelect t -> union(values);
            default -> {
                if (!key.composite()) {
                    yield firstNonEmpty(values);
                }
                ObjectNode parts = JsonNodeFactory.instance.objectNode();
                for (FieldColumn column : key.columns()) {
                    JsonNode part = firstNonEmpty(values.stream().map(value -> value.path(column.subField())).toList());
                    if (part != null) {
                        parts.set(column.subField(), part);
                    }
                }
                yield parts;
            }
        };
    }

    /** The kept primary email (or the first there is), every other address of every record as additional ones. */
    private static JsonNode mergedEmails(List<JsonNode> values) {
        JsonNode primary = firstNonEmpty(values.stream().map(value -> value.path("primaryEmail")).toList());
        Set<String> additional = new LinkedHashSet<>();
        for (JsonNode value : values) {
            if (!empty(value.path("primaryEmail"))) {
                additional.add(value.path("primaryEmail").asString());
            }
            value.path("additionalEmails").forEach(email -> additional.add(email.asString()));
        }
        if (primary != null) {
            additional.remove(primary.asString());
        }
        ObjectNode emails = JsonNodeFactory.instance.objectNode();
        emails.set("primaryEmail", primary == null ? JsonNodeFactory.instance.stringNode("") : primary);
        ArrayNode list = emails.putArray("additionalEmails");
        additional.forEach(list::add);
        return emails;
    }

    private static JsonNode union(List<JsonNode> values) {
        Set<JsonNode> all = new LinkedHashSet<>();
        values.forEach(value -> value.forEach(all::add));
        if (all.isEmpty()) {
            return values.getFirst();
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        all.forEach(array::add);
        return array;
    }

    private static JsonNode firstNonEmpty(List<JsonNode> values) {
        return values.stream().filter(value -> !empty(value)).findFirst()
                .orElse(values.getFirst().isMissingNode() ? null : values.getFirst());
    }

    private static boolean empty(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull()
                || (value.isString() && value.asString().isEmpty())
                || ((value.isArray() || value.isObject()) && value.isEmpty());
    }

    /** Points every many-to-one relation of the workspace that targets the merged-away records at the kept one. */
    private void moveRelations(RecordCaller caller, RecordTable table, List<ObjectModel> objects, List<UUID> from,
            UUID to) {
        for (ObjectModel referencing : objects) {
            for (FieldModel field : referencing.fields()) {
                if (field.type() instanceof FieldType.Relation relation
                        && relation.relationType() == RelationType.MANY_TO_ONE
                        && relation.targetObject().equals(table.object().nameSingular())
                        && !field.columns().isEmpty()) {
                    String column = field.columns().getFirst().columnName();
                    store.moveReferences(new RecordTable(caller.workspaceId(), referencing), column, column, from, to);
                }
            }
        }
    }

    /** The merge body, checked. */
    private record Request(List<UUID> ids, int conflictPriorityIndex, boolean dryRun) {

        static Request read(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw InvalidRecordRequestException.of("body", "type",
                        "the body must be an object {ids, conflictPriorityIndex, dryRun}");
            }
            for (String property : body.propertyNames()) {
                if (!Set.of("ids", "conflictPriorityIndex", "dryRun").contains(property)) {
                    throw InvalidRecordRequestException.of(property, Violation.UNKNOWN_FIELD,
                            "a merge takes ids, conflictPriorityIndex and dryRun, not '" + property + "'");
                }
            }
            JsonNode idsNode = body.path("ids");
            if (!idsNode.isArray()) {
                throw InvalidRecordRequestException.of("ids", "type", "'ids' must be an array of record ids");
            }
            List<String> values = new ArrayList<>();
            idsNode.forEach(id -> values.add(id.asString("")));
            List<UUID> ids = RecordSelection.of(values, "ids").ids();
            if (ids.size() < 2 || ids.size() > MAX_RECORDS) {
                throw InvalidRecordRequestException.of("ids", "size",
                        "'ids' must name 2 to " + MAX_RECORDS + " different records");
            }
            JsonNode priority = body.path("conflictPriorityIndex");
            int index = 0;
            if (!priority.isMissingNode() && !priority.isNull()) {
                if (!priority.isIntegralNumber() || priority.asInt() < 0 || priority.asInt() >= ids.size()) {
                    throw InvalidRecordRequestException.of("conflictPriorityIndex", "range",
                            "'conflictPriorityIndex' must be an index of 'ids' (0 to " + (ids.size() - 1) + ")");
                }
                index = priority.asInt();
            }
            JsonNode dryRun = body.path("dryRun");
            if (!dryRun.isMissingNode() && !dryRun.isNull() && !dryRun.isBoolean()) {
                throw InvalidRecordRequestException.of("dryRun", "type", "'dryRun' must be a boolean");
            }
            return new Request(ids, index, dryRun.asBoolean(false));
        }
    }
}
