package org.opencrm.dataapi.record;

import org.opencrm.dataapi.model.ObjectModel;

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

    private static ObjectNode data(String key, ObjectNode value) {
        ObjectNode envelope = NODES.objectNode();
        envelope.putObject("data").set(key, value);
        return envelope;
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
