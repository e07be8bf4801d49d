package org.opencrm.metadata.field;

import java.util.List;

import org.opencrm.schema.CompositeSubField;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a field's type and default are kept in {@code core."fieldMetadata"}'s jsonb columns, in Twenty's shapes:
 * {@code options} lists select options, {@code settings} holds relation and search-vector details, and
 * {@code defaultValue} quotes texts and enum values in single quotes ({@code "'NEW'"}) and names functions
 * ({@code "now"}, {@code "uuid"}).
 */
final class FieldSettings {

    static final String RELATION_TYPE = "relationType";
    static final String ON_DELETE = "onDelete";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FieldSettings() {
    }

    /** The options of a SELECT, MULTI_SELECT or RATING field; null for other types. */
    static JsonNode options(FieldType type) {
        return switch (type) {
            case FieldType.Select select -> optionList(select.options());
            case FieldType.MultiSelect multiSelect -> optionList(multiSelect.options());
            case FieldType.Rating rating -> optionList(rating.options());
            default -> null;
        };
    }

    /** How a relation or search vector is laid out; null for other types. */
    static JsonNode settings(FieldDefinition field) {
        return switch (field.type()) {
            case FieldType.Relation relation -> {
                ObjectNode settings = NODES.objectNode()
                        .put(RELATION_TYPE, relation.relationType().name())
                        .put(ON_DELETE, relation.onDelete().name());
                yield switch (relation.relationType()) {
                    case MANY_TO_ONE -> settings.put("joinColumnName", field.name() + "Id");
                    case ONE_TO_MANY -> settings;
                };
            }
            case FieldType.MorphRelation morph -> {
                ObjectNode settings = NODES.objectNode()
                        .put(RELATION_TYPE, "MANY_TO_ONE")
                        .put(ON_DELETE, morph.onDelete().name());
                ArrayNode targets = settings.putArray("targetObjects");
                morph.targetObjects().forEach(targets::add);
                yield settings;
            }
            case FieldType.TsVector vector -> {
                ObjectNode settings = NODES.objectNode().put("generatedType", "STORED");
                ArrayNode sources = settings.putArray("sourceColumns");
                vector.sourceColumns().forEach(sources::add);
                yield settings;
            }
            default -> null;
        };
    }

    /**
     * The default as Twenty shows it: the field's own default, or for a composite field its parts' defaults
     * ({@code {"firstName": "''", "lastName": "''"}}); null for none.
     */
    static JsonNode defaultValue(FieldDefinition field) {
        if (field.defaultValue() != null) {
            return defaultValue(field.defaultValue());
        }
        List<CompositeSubField> parts = CompositeSubFields.of(field.type());
        if (parts.isEmpty()) {
            return null;
        }
        ObjectNode composite = NODES.objectNode();
        for (CompositeSubField part : parts) {
            composite.set(part.name(), part.defaultValue() == null ? NODES.nullNode() : defaultValue(part.defaultValue()));
        }
        return composite;
    }

    static JsonNode defaultValue(DefaultValue value) {
        return switch (value) {
            case DefaultValue.Text text -> NODES.stringNode(quoted(text.value()));
            case DefaultValue.Number number -> NODES.numberNode(number.value());
            case DefaultValue.Boolean bool -> NODES.booleanNode(bool.value());
            case DefaultValue.EnumValue enumValue -> NODES.stringNode(quoted(enumValue.value()));
            case DefaultValue.Json json -> JsonMapper.shared().readTree(json.json());
            case DefaultValue.Now now -> NODES.stringNode("now");
            case DefaultValue.RandomUuid uuid -> NODES.stringNode("uuid");
            case DefaultValue.EmptyArray empty -> NODES.arrayNode();
        };
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }

    private static ArrayNode optionList(List<SelectOption> options) {
        ArrayNode list = NODES.arrayNode();
        for (SelectOption option : options) {
            list.addObject()
                    .put("value", option.value())
                    .put("label", option.label())
                    .put("color", option.color())
                    .put("position", option.position());
        }
        return list;
    }
}
