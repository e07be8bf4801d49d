package org.opencrm.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field types as the metadata API reads and writes them: Twenty's type name plus, for the types that have
 * them, their options or settings as JSON.
 *
 * <ul>
 *   <li>SELECT, MULTI_SELECT: the options, {@code [{"value": "NEW", "label": "New", "color": "red",
 *       "position": 0}, ...]} (color optional, position defaults to the index);
 *   <li>RELATION: {@code {"type": "MANY_TO_ONE", "targetObjectNameSingular": "company",
 *       "inverseFieldName": "people", "onDelete": "SET_NULL"}} (onDelete defaults to SET_NULL);
 *   <li>MORPH_RELATION: {@code {"targetObjectNameSingulars": ["person", "company"], "onDelete": "CASCADE"}};
 *   <li>TS_VECTOR: {@code {"sourceColumns": ["nameFirstName", ...]}};
 *   <li>every other type: nothing (RATING's options are fixed; other settings are for the front end and
 *       ignored).
 * </ul>
 */
public final class FieldTypes {

    private static final String TYPE = "type";
    private static final String OPTIONS = "options";
    private static final String SETTINGS = "settings";

    private FieldTypes() {}

    /**
     * The field type named {@code typeName} with its options or settings.
     *
     * @param optionsOrSettings the options (SELECT, MULTI_SELECT) or settings (relations, TS_VECTOR); null or a
     *     JSON null where the type has none
     * @throws InvalidFieldTypeException naming the property at fault, for an unknown type or malformed options
     */
    public static FieldType parse(String typeName, JsonNode optionsOrSettings) {
        if (typeName == null || typeName.isBlank()) {
            throw invalid(TYPE, "required", "type is required");
        }
        JsonNode json = optionsOrSettings == null ? JsonNodeFactory.instance.nullNode() : optionsOrSettings;
        return switch (typeName) {
            case "UUID" -> new FieldType.Uuid();
            case "TEXT" -> new FieldType.Text();
            case "NUMBER" -> new FieldType.Number();
            case "NUMERIC" -> new FieldType.Numeric();
            case "BOOLEAN" -> new FieldType.Boolean();
            case "DATE" -> new FieldType.Date();
            case "DATE_TIME" -> new FieldType.DateTime();
            case "SELECT" -> new FieldType.Select(options(json));
            case "MULTI_SELECT" -> new FieldType.MultiSelect(options(json));
            case "RATING" -> new FieldType.Rating();
            case "RAW_JSON" -> new FieldType.RawJson();
            case "ARRAY" -> new FieldType.Array();
            case "POSITION" -> new FieldType.Position();
            case "RICH_TEXT" -> new FieldType.RichText();
            case "RICH_TEXT_V2" -> new FieldType.RichTextV2();
            case "FULL_NAME" -> new FieldType.FullName();
            case "EMAILS" -> new FieldType.Emails();
            case "PHONES" -> new FieldType.Phones();
            case "LINKS" -> new FieldType.Links();
            case "ADDRESS" -> new FieldType.Address();
            case "CURRENCY" -> new FieldType.Currency();
            case "ACTOR" -> new FieldType.Actor();
            case "TS_VECTOR" -> new FieldType.TsVector(strings(json, "sourceColumns"));
            case "RELATION" -> relation(json);
            case "MORPH_RELATION" -> new FieldType.MorphRelation(
                    nonEmpty(strings(json, "targetObjectNameSingulars"), "targetObjectNameSingulars"),
                    onDelete(json));
            default -> throw invalid(TYPE, "unknown-type", "unknown field type '" + typeName + "'");
        };
    }

    /** The JSON that {@link #parse} reads back into {@code type}; a JSON null for types without any. */
    public static JsonNode optionsOrSettings(FieldType type) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (type) {
            case FieldType.Select t -> options(t.options());
            case FieldType.MultiSelect t -> options(t.options());
            case FieldType.Rating t -> options(t.options());
            case FieldType.TsVector t -> {
                ObjectNode settings = json.objectNode();
                t.sourceColumns().forEach(settings.putArray("sourceColumns")::add);
                yield settings;
            }
            case FieldType.Relation t -> json.objectNode()
                    .put(TYPE, t.relationType().name())
                    .put("targetObjectNameSingular", t.targetObject())
                    .put("inverseFieldName", t.inverseField())
                    .put("onDelete", t.onDelete().name());
            case FieldType.MorphRelation t -> {
                ObjectNode settings = json.objectNode();
                t.targetObjects().forEach(settings.putArray("targetObjectNameSingulars")::add);
                yield settings.put("onDelete", t.onDelete().name());
            }
            case FieldType.Uuid t -> json.nullNode();
            case FieldType.Text t -> json.nullNode();
            case FieldType.Number t -> json.nullNode();
            case FieldType.Numeric t -> json.nullNode();
            case FieldType.Boolean t -> json.nullNode();
            case FieldType.Date t -> json.nullNode();
            case FieldType.DateTime t -> json.nullNode();
            case FieldType.RawJson t -> json.nullNode();
            case FieldType.Array t -> json.nullNode();
            case FieldType.Position t -> json.nullNode();
            case FieldType.RichText t -> json.nullNode();
            case FieldType.RichTextV2 t -> json.nullNode();
            case FieldType.FullName t -> json.nullNode();
            case FieldType.Emails t -> json.nullNode();
            case FieldType.Phones t -> json.nullNode();
            case FieldType.Links t -> json.nullNode();
            case FieldType.Address t -> json.nullNode();
            case FieldType.Currency t -> json.nullNode();
            case FieldType.Actor t -> json.nullNode();
        };
    }

    private static ArrayNode options(List<SelectOption> options) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (SelectOption option : options) {
            ObjectNode node = array.addObject()
                    .put("value", option.value())
                    .put("label", option.label())
                    .put("position", option.position());
            if (option.color() != null) {
                node.put("color", option.color());
            }
        }
        return array;
    }

    private static List<SelectOption> options(JsonNode json) {
        if (!json.isArray()) {
            throw invalid(OPTIONS, "required", "options must be a list of {value, label, color, position}");
        }
        List<Violation> violations = new ArrayList<>();
        List<SelectOption> options = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode option = json.get(i);
            String at = OPTIONS + "[" + i + "]";
            String value = text(option, "value");
            String label = text(option, "label");
            if (value == null) {
                violations.add(new Violation(at + ".value", "required", "option " + i + " has no value"));
            }
            if (label == null) {
                violations.add(new Violation(at + ".label", "required", "option " + i + " has no label"));
            }
            JsonNode position = option.path("position");
            if (!position.isMissingNode() && !position.isNull() && !position.isIntegralNumber()) {
                violations.add(new Violation(at + ".position", "integer",
                        "option " + i + "'s position must be an integer"));
            }
            if (value != null && label != null) {
                int rank = position.isIntegralNumber() ? position.asInt() : i;
                options.add(new SelectOption(value, label, text(option, "color"), rank));
            }
        }
        if (violations.isEmpty()) {
            violations.addAll(SelectOptions.violations(OPTIONS, options));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return options;
    }

    private static FieldType.Relation relation(JsonNode json) {
        if (!json.isObject()) {
            throw invalid(SETTINGS, "required",
                    "a relation needs {type, targetObjectNameSingular, inverseFieldName, onDelete}");
        }
        List<Violation> violations = new ArrayList<>();
        RelationType relationType = enumValue(json, TYPE, RelationType.class, null, violations);
        String target = requiredText(json, "targetObjectNameSingular", violations);
        String inverse = requiredText(json, "inverseFieldName", violations);
        OnDelete onDelete = enumValue(json, "onDelete", OnDelete.class, OnDelete.SET_NULL, violations);
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return new FieldType.Relation(relationType, target, inverse, onDelete);
    }

    private static OnDelete onDelete(JsonNode json) {
        List<Violation> violations = new ArrayList<>();
        OnDelete onDelete = enumValue(json, "onDelete", OnDelete.class, OnDelete.SET_NULL, violations);
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return onDelete;
    }

    private static <E extends Enum<E>> E enumValue(
            JsonNode json, String property, Class<E> type, E fallback, List<Violation> violations) {
        String value = text(json, property);
        if (value == null) {
            if (fallback == null) {
                violations.add(new Violation(settingsProperty(property), "required", property + " is required"));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(settingsProperty(property), "unknown-value",
                    property + " '" + value + "' is not one of " + List.of(type.getEnumConstants())));
            return fallback;
        }
    }

    private static String requiredText(JsonNode json, String property, List<Violation> violations) {
        String value = text(json, property);
        if (value == null || value.isBlank()) {
            violations.add(new Violation(settingsProperty(property), "required", property + " is required"));
        }
        return value;
    }

    private static List<String> strings(JsonNode json, String property) {
        JsonNode array = json.path(property);
        if (!array.isArray()) {
            throw invalid(settingsProperty(property), "required", property + " must be a list of names");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isString() || array.get(i).stringValue().isBlank()) {
                throw invalid(settingsProperty(property) + "[" + i + "]", "required", "a name is required");
            }
            strings.add(array.get(i).stringValue());
        }
        return strings;
    }

    private static List<String> nonEmpty(List<String> values, String property) {
        if (values.isEmpty()) {
            throw invalid(settingsProperty(property), "empty", property + " needs at least one name");
        }
        return values;
    }

    private static String text(JsonNode json, String property) {
        JsonNode value = json.path(property);
        return value.isString() ? value.stringValue() : null;
    }

    private static String settingsProperty(String property) {
        return SETTINGS + "." + property;
    }

    private static InvalidFieldTypeException invalid(String field, String rule, String message) {
        return new InvalidFieldTypeException(List.of(new Violation(field, rule, message)));
    }
}
