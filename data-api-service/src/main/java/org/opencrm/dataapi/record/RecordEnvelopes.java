package org.opencrm.dataapi.record;

import java.util.List;

import org.opencrm.dataapi.model.ObjectModel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Twenty's REST envelopes: {@code {"data":{"createPerson":{...}}}}, {@code {"data":{"people":[...]},...}}. */
final class RecordEnvelopes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordEnvelopes() {
    }

    static ObjectNode created(StoredRecord record) {
        return data("create" + capitalized(record.object().nameSingular()), record.record());
    }

    static ObjectNode found(StoredRecord record) {
        return data(record.object().nameSingular(), record.record());
    }

    static ObjectNode updated(StoredRecord record) {
        return data("update" + capitalized(record.object().nameSingular()), record.record());
    }

    static ObjectNode deleted(StoredRecord record) {
        ObjectNode id = NODES.objectNode();
        id.put("id", record.id());
        return data("delete" + capitalized(record.object().nameSingular()), id);
    }

    /** {@code {"data":{"createPeople":[...]}}}. */
    static ObjectNode createdMany(ObjectModel object, List<StoredRecord> records) {
        return many("create" + capitalized(object.namePlural()), records);
    }

    /** {@code {"data":{"deletePeople":[{"id":...}]}}}, for soft deletes and destructions alike, as Twenty answers. */
    static ObjectNode deletedMany(ObjectModel object, List<StoredRecord> records) {
        ObjectNode envelope = NODES.objectNode();
        ArrayNode ids = envelope.putObject("data").putArray("delete" + capitalized(object.namePlural()));
        records.forEach(record -> ids.addObject().put("id", record.id()));
        return envelope;
    }

    /** {@code {"data":{"updatePeople":[...]}}}. */
    static ObjectNode updatedMany(ObjectModel object, List<StoredRecord> records) {
        return many("update" + capitalized(object.namePlural()), records);
    }

    static ObjectNode restored(StoredRecord record) {
        return data("restore" + capitalized(record.object().nameSingular()), record.record());
    }

    static ObjectNode restoredMany(ObjectModel object, List<StoredRecord> records) {
        return many("restore" + capitalized(object.namePlural()), records);
    }

    static ObjectNode merged(StoredRecord record) {
        return data("merge" + capitalized(record.object().nameSingular()), record.record());
    }

    /** Whether an {@code upsert} parameter asks for an upsert; anything but true or false is refused. */
    static boolean upsert(String upsert) {
        if (upsert == null || upsert.equals("false")) {
            return false;
        }
        if (upsert.equals("true")) {
            return true;
        }
        throw InvalidRecordRequestException.of("upsert", "type", "'upsert' must be true or false");
    }

    static ObjectNode listed(ObjectModel object, RecordPage page) {
        ObjectNode envelope = NODES.objectNode();
        envelope.putObject("data").putArray(object.namePlural()).addAll(page.records());
        ObjectNode pageInfo = envelope.putObject("pageInfo");
        pageInfo.put("hasNextPage", page.hasNextPage());
        pageInfo.put("hasPreviousPage", page.hasPreviousPage());
        pageInfo.put("startCursor", page.startCursor());
        pageInfo.put("endCursor", page.endCursor());
        envelope.put("totalCount", page.totalCount());
        return envelope;
    }

    private static ObjectNode many(String key, List<StoredRecord> records) {
        ObjectNode envelope = NODES.objectNode();
        ArrayNode array = envelope.putObject("data").putArray(key);
        records.forEach(record -> array.add(record.record()));
        return envelope;
    }

    private static ObjectNode data(String key, ObjectNode value) {
        ObjectNode envelope = NODES.objectNode();
        envelope.putObject("data").set(key, value);
        return envelope;
    }

    static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
