package org.opencrm.webhook.delivery;

import java.util.Map;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A protobuf {@link Struct} as the JSON the REST API would have shown. */
final class StructJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Beyond 2^53 a double no longer holds every integer, so larger values stay doubles. */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d;

    private StructJson() {
    }

    static ObjectNode toJson(Struct struct) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
            object.set(field.getKey(), toJson(field.getValue()));
        }
        return object;
    }

    private static JsonNode toJson(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case STRING_VALUE -> NODES.stringNode(value.getStringValue());
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRUCT_VALUE -> toJson(value.getStructValue());
            case LIST_VALUE -> toJson(value.getListValue());
        };
    }

    private static ArrayNode toJson(ListValue list) {
        ArrayNode array = NODES.arrayNode();
        list.getValuesList().forEach(element -> array.add(toJson(element)));
        return array;
    }

    private static JsonNode number(double number) {
        if (!Double.isFinite(number)) {
            // JSON has no NaN or infinity; a field holding one reads as having no value.
            return NODES.nullNode();
        }
        // Struct carries every number as a double; whole ones (counts, employees) read better as integers.
        if (number == Math.rint(number) && Math.abs(number) <= MAX_EXACT_INTEGER) {
            return NODES.numberNode((long) number);
        }
        return NODES.numberNode(number);
    }
}
