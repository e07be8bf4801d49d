package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.StandardObjects;
import org.opencrm.schema.SystemFields;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twenty's {@code POST /rest/{plural}/duplicates}: for each record given ({@code data}) or named ({@code ids}), the
 * live records that share one of the object's duplicate criteria. Person: the same first and last name, the same
 * primary email or the same LinkedIn URL; company: the same name, domain or LinkedIn URL; any other object: the same
 * value of one of its unique fields, or the same {@code name}.
 */
final class RecordDuplicates {

    /** The most duplicates listed per record. */
    static final int LIMIT = 60;

    private final RecordOperations operations;
    private final RecordStore store;

    RecordDuplicates(RecordOperations operations, RecordStore store) {
        this.operations = operations;
        this.store = store;
    }

    /** {@code {"data":[{"personDuplicates":[...],"totalCount":n,"pageInfo":{...}}, ...]}}, one item per record. */
    ObjectNode find(RecordCaller caller, String plural, JsonNode body) {
        RecordTable table = operations.tableOf(caller, plural);
        ObjectModel object = table.object();
        List<Map<String, JsonNode>> records = records(table, body);
        List<List<String>> criteria = criteria(object);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        ArrayNode data = envelope.putArray("data");
        for (Map<String, JsonNode> record : records) {
            List<Map<String, String>> conditions = conditions(criteria, record);
            JsonNode id = record.get(SystemFields.ID);
            UUID excluded = id == null || !id.isString() ? null : UUID.fromString(id.asString());
            List<ObjectNode> duplicates = RecordOperations.translated(table,
                    () -> store.matching(table, conditions, excluded, LIMIT));
            ObjectNode item = data.addObject();
            item.putArray(object.nameSingular() + "Duplicates").addAll(duplicates);
            item.put("totalCount", duplicates.size());
            ObjectNode pageInfo = item.putObject("pageInfo");
            pageInfo.put("hasNextPage", false);
            // At most LIMIT duplicates per record and no further page: there is nothing for a cursor to continue.
            pageInfo.putNull("startCursor");
            pageInfo.putNull("endCursor");
        }
        return envelope;
    }

    /** The column values of the records to find duplicates of, as Twenty takes them: {@code data} or {@code ids}. */
    private List<Map<String, JsonNode>> records(RecordTable table, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRecordRequestException.of("body", "type", "the body must be an object with 'data' or 'ids'");
        }
        JsonNode data = body.get("data");
        JsonNode ids = body.get("ids");
        if ((data == null) == (ids == null)) {
            throw InvalidRecordRequestException.of("body", "data-or-ids",
                    "give either 'data' (records) or 'ids' (record ids), not both and not neither");
        }
        List<Map<String, JsonNode>> records = new ArrayList<>();
        if (ids != null) {
            if (!ids.isArray()) {
                throw InvalidRecordRequestException.of("ids", "type", "'ids' must be an array of UUIDs");
            }
            List<String> values = new ArrayList<>();
            ids.forEach(value -> values.add(value.asString("")));
            RecordSelection selection = RecordSelection.of(values, "ids");
            RecordOperations.translated(table, () -> store.findLive(table, selection.ids(), false))
                    .forEach(record -> records.add(columns(table.object(), record)));
            return records;
        }
        List<JsonNode> items = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(items::add);
        } else {
            items.add(data);
        }
        if (items.isEmpty() || items.size() > RecordOperations.MAX_BATCH) {
            throw InvalidRecordRequestException.of("data", "size",
                    "'data' must hold 1 to " + RecordOperations.MAX_BATCH + " records");
        }
        for (int i = 0; i < items.size(); i++) {
            RecordInput input;
            try {
                input = RecordInput.read(table.object(), items.get(i), RecordInput.Mode.CREATE);
            } catch (InvalidRecordRequestException e) {
                int index = i;
                throw new InvalidRecordRequestException(e.violations().stream()
                        .map(v -> new Violation("data[" + index + "]." + v.field(), v.rule(), v.message())).toList());
            }
            Map<String, JsonNode> columns = new LinkedHashMap<>();
            input.values().forEach(value -> columns.put(value.column().getName(), value.value()));
            records.add(columns);
        }
        return records;
    }

    /** A record's JSON (as the API shows it) back to its column values. */
    static Map<String, JsonNode> columns(ObjectModel object, JsonNode record) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        for (RecordKey key : RecordKey.of(object).values()) {
            for (FieldColumn column : key.columns()) {
                JsonNode value = key.composite() ? record.path(key.key()).path(column.subField()) : record.path(key.key());
                if (!value.isMissingNode()) {
                    columns.put(column.columnName(), value);
                }
            }
        }
        return columns;
    }

    /** Each criterion a set of columns whose values must all be equal. */
    static List<List<String>> criteria(ObjectModel object) {
        List<List<String>> criteria = new ArrayList<>();
        if (object.nameSingular().equals(StandardObjects.PERSON) && !object.custom()) {
            criteria.add(List.of("nameFirstName", "nameLastName"));
            criteria.add(List.of("emailsPrimaryEmail"));
            criteria.add(List.of("linkedinLinkPrimaryLinkUrl"));
        } else if (object.nameSingular().equals(StandardObjects.COMPANY) && !object.custom()) {
            criteria.add(List.of("name"));
            criteria.add(List.of("domainNamePrimaryLinkUrl"));
            criteria.add(List.of("linkedinLinkPrimaryLinkUrl"));
        } else {
            for (FieldModel field : object.fields()) {
                if (field.unique() && !field.name().equals(SystemFields.ID) && !field.columns().isEmpty()) {
                    criteria.add(UpsertKey.uniqueColumns(field));
                }
            }
            object.field("name")
                    .filter(field -> field.type() instanceof FieldType.Text)
                    .ifPresent(field -> criteria.add(List.of(field.columns().getFirst().columnName())));
        }
        List<String> existing = object.fields().stream()
                .flatMap(field -> field.columns().stream().map(FieldColumn::columnName)).toList();
        return criteria.stream().distinct().filter(existing::containsAll).toList();
    }

    /** The criteria the record has a value for in every column, with those values. */
    private static List<Map<String, String>> conditions(List<List<String>> criteria, Map<String, JsonNode> record) {
        List<Map<String, String>> conditions = new ArrayList<>();
        for (List<String> criterion : criteria) {
            Map<String, String> condition = new LinkedHashMap<>();
            for (String column : criterion) {
                JsonNode value = record.get(column);
                if (value == null || value.isNull() || !value.isValueNode() || value.asString().isEmpty()) {
                    break;
                }
                condition.put(column, value.asString());
            }
            if (condition.size() == criterion.size()) {
                conditions.add(condition);
            }
        }
        return conditions;
    }
}
