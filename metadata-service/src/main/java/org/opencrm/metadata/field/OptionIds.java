package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twenty's option ids: every option of a SELECT or MULTI_SELECT field carries an {@code id}, so that a client
 * renames an option by sending the same id with a new value. A new list is matched to the stored one by id, then
 * by value; what matches neither is a new option, and stored options left unmatched are removed.
 */
final class OptionIds {

    /** A new option list matched to the stored one. */
    record Matched(ArrayNode options, Map<String, String> renamed, List<String> removed) {
    }

    private OptionIds() {
    }

    /** The options JSON with a fresh id on each option that has none. */
    static JsonNode withIds(JsonNode options) {
        if (options == null || !options.isArray()) {
            return options;
        }
        for (JsonNode option : options) {
            if (option instanceof ObjectNode object && !object.path("id").isString()) {
                object.put("id", UUID.randomUUID().toString());
            }
        }
        return options;
    }

    /**
     * @param stored the stored options JSON (with ids)
     * @param requested the options as the client sent them (ids where it kept an option)
     * @param options {@code requested} as read and validated, in the same order
     * @param written the options JSON as the field type writes it, in the same order (ids are added to it)
     */
    static Matched match(JsonNode stored, JsonNode requested, List<SelectOption> options, ArrayNode written) {
        Map<String, String> valueById = new HashMap<>();
        Map<String, String> idByValue = new LinkedHashMap<>();
        for (JsonNode option : stored) {
            valueById.put(option.path("id").asString(), option.path("value").asString());
            idByValue.put(option.path("value").asString(), option.path("id").asString());
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String value = options.get(i).value();
            JsonNode requestedId = requested.get(i).path("id");
            String id;
            if (requestedId.isString() && valueById.containsKey(requestedId.asString())
                    && !kept.contains(valueById.get(requestedId.asString()))) {
                id = requestedId.asString();
            } else if (idByValue.containsKey(value) && !kept.contains(value)) {
                id = idByValue.get(value);
            } else {
                id = UUID.randomUUID().toString();
            }
            String oldValue = valueById.get(id);
            if (oldValue != null) {
                kept.add(oldValue);
                if (!oldValue.equals(value)) {
                    renamed.put(oldValue, value);
                }
            }
            ((ObjectNode) written.get(i)).put("id", id);
        }
        List<String> removed = idByValue.keySet().stream().filter(value -> !kept.contains(value)).toList();
        return new Matched(written, renamed, removed);
    }
}
