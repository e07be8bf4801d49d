package org.opencrm.dataapi.record;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sort key of a row in a list ordered by position then id; opaque to clients as base64url of
 * {@code {"position":..,"id":..}}.
 */
record RecordCursor(double position, UUID id) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RecordCursor of(JsonNode record) {
        return new RecordCursor(record.path("position").asDouble(0), UUID.fromString(record.path("id").asString()));
    }

    String encode() {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("position", position);
        key.put("id", id.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param parameter the query parameter it came in, to name in the error
     * @throws InvalidRecordRequestException when it is not a cursor this service gave out
     */
    static RecordCursor decode(String cursor, String parameter) {
        try {
            JsonNode key = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (key.path("position").isNumber() && key.path("id").isString()) {
                return new RecordCursor(key.path("position").doubleValue(), UUID.fromString(key.path("id").asString()));
            }
        } catch (IllegalArgumentException | JacksonException e) {
            // falls through to the violation
        }
        throw InvalidRecordRequestException.of(parameter, "cursor", "'" + parameter + "' is not a cursor of this list");
    }
}
