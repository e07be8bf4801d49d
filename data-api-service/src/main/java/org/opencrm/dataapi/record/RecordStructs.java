package org.opencrm.dataapi.record;

import java.util.Map;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts records between their REST JSON and {@link Struct}, the shape they take in events and over gRPC.
 * Struct numbers are doubles, so integral values come back as integral JSON numbers when they fit exactly.
 */
public final class RecordStructs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordStructs() {
    }

    public static Struct toStruct(ObjectNode json) {
        Struct.Builder struct = Struct.newBuilder();
        json.forEachEntry((name, value) -> struct.putFields(name, toValue(value)));
        return struct.build();
    }

    public static ObjectNode toJson(Struct struct) {
        ObjectNode json = NODES.objectNode();
        for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
            json.set(field.getKey(), toJson(field.getValue()));
        }
        return json;
    }

    private static Value toValue(JsonNode node) {
        Value.Builder value = Value.newBuilder();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return value.setNullValue(NullValue.NULL_VALUE).build();
        }
        if (node.isObject()) {
            return value.setStructValue(toStruct((ObjectNode) node)).build();
        }
        if (node.isArray()) {
            ListValue.Builder list = ListValue.newBuilder();
            node.forEach(element -> list.addValues(toValue(element)));
            return value.setListValue(list).build();
        }
        if (node.isBoolean()) {
            return value.setBoolValue(node.booleanValue()).build();
        }
        if (node.isNumber()) {
            return value.setNumberValue(node.doubleValue()).build();
        }
        return value.setStringValue(node.asString()).build();
    }

    private static JsonNode toJson(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case STRING_VALUE -> NODES.stringNode(value.getStringValue());
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRUCT_VALUE -> toJson(value.getStructValue());
            case LIST_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                value.getListValue().getValuesList().forEach(element -> array.add(toJson(element)));
                yield array;
            }
        };
    }

    private static JsonNode number(double number) {
        boolean integral = Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < 0x1p53;
        return integral ? NODES.numberNode((long) number) : NODES.numberNode(number);
    }
}
