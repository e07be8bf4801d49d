package org.opencrm.metadata.field;

import java.util.List;

import org.opencrm.schema.CompositeSubField;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a field's default is kept in {@code core."fieldMetadata"."defaultValue"} and shown by the API, in Twenty's
 * shape: texts and enum values quoted in single quotes ({@code "'NEW'"}), functions by name ({@code "now"},
 * {@code "uuid"}). {@link DefaultValueReader} reads a client's default back.
 */
final class DefaultValueWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DefaultValueWriter() {
    }

    /**
     * The default as Twenty shows it: the field's own default, or for a composite field its parts' defaults, its
     * own or the standard ones ({@code {"firstName": "''", "lastName": "''"}}); null for none.
     */
    static JsonNode defaultValue(FieldDefinition field) {
        List<CompositeSubField> parts = CompositeSubFields.of(field.type());
        if (parts.isEmpty()) {
            return field.defaultValue() == null ? null : defaultValue(field.defaultValue());
        }
        ObjectNode composite = NODES.objectNode();
        for (CompositeSubField part : parts) {
            DefaultValue partDefault = field.defaultValue() instanceof DefaultValue.Composite own
                    ? own.parts().get(part.name())
                    : part.defaultValue();
            composite.set(part.name(), partDefault == null ? NODES.nullNode() : defaultValue(partDefault));
        }
        return composite;
    }

    private static JsonNode defaultValue(DefaultValue value) {
        return switch (value) {
            case DefaultValue.Text text -> NODES.stringNode(quoted(text.value()));
            case DefaultValue.Number number -> number.value() == Math.rint(number.value()) && Math.abs(number.value()) < 1e15
                    ? NODES.numberNode((long) number.value())
                    : NODES.numberNode(number.value());
            case DefaultValue.Boolean bool -> NODES.booleanNode(bool.value());
            case DefaultValue.EnumValue enumValue -> NODES.stringNode(quoted(enumValue.value()));
            case DefaultValue.Json json -> JsonMapper.shared().readTree(json.json());
            case DefaultValue.Now now -> NODES.stringNode("now");
            case DefaultValue.RandomUuid uuid -> NODES.stringNode("uuid");
            case DefaultValue.EmptyArray empty -> NODES.arrayNode();
            case DefaultValue.EnumValues several -> {
                var array = NODES.arrayNode();
                several.values().forEach(option -> array.add(quoted(option)));
                yield array;
            }
            case DefaultValue.Composite composite -> throw new IllegalArgumentException("written part by part");
        };
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }
}
