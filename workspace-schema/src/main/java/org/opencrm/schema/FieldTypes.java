package org.opencrm.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field types in Twenty's metadata shape, the one format that metadata-service stores in
 * {@code core."fieldMetadata"}, shows in its API and that the data API reads back: the type name plus, for the
 * types that have them, {@code options} and {@code settings}.
 *
 * <ul>
 *   <li>SELECT, MULTI_SELECT (and RATING, whose options are fixed): {@code options}
 *       {@code [{"value": "NEW", "label": "New", "color": "red", "position": 0}, ...]} (color may be null,
 *       position defaults to the index, Twenty's option {@code id} is ignored);
 *   <li>RELATION: {@code settings} {@code {"relationType": "MANY_TO_ONE", "onDelete": "SET_NULL",
 *       "joinColumnName": "companyId"}} (the join column on the MANY_TO_ONE side only). Its target object and
 *       the field on it that is the other side are not settings but the field's relation, which the reader is
 *       given by name;
 *   <li>MORPH_RELATION: {@code settings} {@code {"relationType": "MANY_TO_ONE", "onDelete": "CASCADE",
 *       "targetObjects": ["person", "company"]}};
 *   <li>TS_VECTOR: {@code settings} {@code {"generatedType": "STORED", "sourceColumns": ["nameFirstName", ...],
 *       "sources": [{"column": "emailsPrimaryEmail", "kind": "EMAIL"}, {"column": "phonesPrimaryPhoneNumber",
 *       "kind": "PHONE", "callingCodeColumn": "phonesPrimaryPhoneCallingCode"}, ...]}}; without {@code sources}
 *       every source column is plain text;
 *   <li>every other type: neither (other settings are for the front end and ignored).
 * </ul>
 */
public final class FieldTypes {

    private static final String TYPE = "type";
    private static final String OPTIONS = "options";
    private static final String SETTINGS = "settings";
    private static final String RELATION_TYPE = "relationType";
    private static final String ON_DELETE = "onDelete";
    private static final String TARGET_OBJECTS = "targetObjects";
    private static final String SOURCE_COLUMNS = "sourceColumns";
    private static final String SOURCES = "sources";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FieldTypes() {}

    /**
     * The field type named {@code typeName}, read from its options, settings and, for a relation, its ends.
     *
     * @param options the {@code options} JSON; null, missing or a JSON null where the type has none
     * @param settings the {@code settings} JSON; null, missing or a JSON null where the type has none
     * @param relationTargetObject for a RELATION, the nameSingular of the object at its other end; else ignored
     * @param relationInverseField for a RELATION, the name of the field on that object that is its other side;
     *     else ignored
     * @throws InvalidFieldTypeException naming the property at fault ({@code type}, {@code options[1].value}...),
     *     for a missing or unknown type, malformed options or settings, or a relation without its ends
     */
    public static FieldType fromMetadata(String typeName, JsonNode options, JsonNode settings,
            String relationTargetObject, String relationInverseField) {
        if (typeName == null || typeName.isBlank()) {
            throw invalid(TYPE, "required", "type is required");
        }
        JsonNode optionsJson = orNull(options);
        JsonNode settingsJson = orNull(settings);
        return switch (typeName) {
            case "UUID" -> new FieldType.Uuid();
            case "TEXT" -> new FieldType.Text();
            case "NUMBER" -> new FieldType.Number();
            case "NUMERIC" -> new FieldType.Numeric();
            case "BOOLEAN" -> new FieldType.Boolean();
            case "DATE" -> new FieldType.Date();
            case "DATE_TIME" -> new FieldType.DateTime();
            case "SELECT" -> new FieldType.Select(options(typeName, optionsJson));
            case "MULTI_SELECT" -> new FieldType.MultiSelect(options(typeName, optionsJson));
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
            case "TS_VECTOR" -> tsVector(requireObject(settingsJson));
            case "RELATION" -> relation(settingsJson, relationTargetObject, relationInverseField);
            case "MORPH_RELATION" -> morphRelation(settingsJson);
            default -> throw invalid(TYPE, "unknown-type", "'" + typeName + "' is not a field type");
        };
    }

    /** The {@code options} of a SELECT, MULTI_SELECT or RATING field; null for the other types. */
    public static JsonNode options(FieldType type) {
        return switch (type) {
            case FieldType.Select t -> optionList(t.options());
            case FieldType.MultiSelect t -> optionList(t.options());
            case FieldType.Rating t -> optionList(t.options());
            case FieldType.Uuid t -> null;
            case FieldType.Text t -> null;
            case FieldType.Number t -> null;
            case FieldType.Numeric t -> null;
            case FieldType.Boolean t -> null;
            case FieldType.Date t -> null;
            case FieldType.DateTime t -> null;
            case FieldType.RawJson t -> null;
            case FieldType.Array t -> null;
            case FieldType.Position t -> null;
            case FieldType.RichText t -> null;
            case FieldType.RichTextV2 t -> null;
            case FieldType.FullName t -> null;
            case FieldType.Emails t -> null;
            case FieldType.Phones t -> null;
            case FieldType.Links t -> null;
            case FieldType.Address t -> null;
            case FieldType.Currency t -> null;
            case FieldType.Actor t -> null;
            case FieldType.TsVector t -> null;
            case FieldType.Relation t -> null;
            case FieldType.MorphRelation t -> null;
        };
    }

    /** The {@code settings} of a relation, morph relation or search vector field; null for the other types. */
    public static JsonNode settings(FieldDefinition field) {
        return switch (field.type()) {
            case FieldType.Relation t -> {
                ObjectNode settings = NODES.objectNode()
                        .put(RELATION_TYPE, t.relationType().name())
                        .put(ON_DELETE, t.onDelete().name());
                yield switch (t.relationType()) {
                    case MANY_TO_ONE -> settings.put("joinColumnName", field.name() + "Id");
                    case ONE_TO_MANY -> settings;
                };
            }
            case FieldType.MorphRelation t -> {
                ObjectNode settings = NODES.objectNode()
                        .put(RELATION_TYPE, RelationType.MANY_TO_ONE.name())
                        .put(ON_DELETE, t.onDelete().name());
                t.targetObjects().forEach(settings.putArray(TARGET_OBJECTS)::add);
                yield settings;
            }
            case FieldType.TsVector t -> {
                ObjectNode settings = NODES.objectNode().put("generatedType", "STORED");
                t.sourceColumns().forEach(settings.putArray(SOURCE_COLUMNS)::add);
                ArrayNode sources = settings.putArray(SOURCES);
                for (SearchSource source : t.sources()) {
                    ObjectNode entry = sources.addObject()
                            .put("column", source.column())
                            .put("kind", source.kind().name());
                    if (source.callingCodeColumn() != null) {
                        entry.put("callingCodeColumn", source.callingCodeColumn());
                    }
                }
                yield settings;
            }
            case FieldType.Uuid t -> null;
            case FieldType.Text t -> null;
            case FieldType.Number t -> null;
            case FieldType.Numeric t -> null;
            case FieldType.Boolean t -> null;
            case FieldType.Date t -> null;
            case FieldType.DateTime t -> null;
            case FieldType.Select t -> null;
            case FieldType.MultiSelect t -> null;
            case FieldType.Rating t -> null;
            case FieldType.RawJson t -> null;
            case FieldType.Array t -> null;
            case FieldType.Position t -> null;
            case FieldType.RichText t -> null;
            case FieldType.RichTextV2 t -> null;
            case FieldType.FullName t -> null;
            case FieldType.Emails t -> null;
            case FieldType.Phones t -> null;
            case FieldType.Links t -> null;
            case FieldType.Address t -> null;
            case FieldType.Currency t -> null;
            case FieldType.Actor t -> null;
        };
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

    /** Every malformed option at once; the rules of the option list itself only once each option is readable. */
    private static List<SelectOption> options(String typeName, JsonNode json) {
        if (json.isNull()) {
            throw invalid(OPTIONS, "required", typeName + " fields need options");
        }
        if (!json.isArray()) {
            throw invalid(OPTIONS, "type", "options must be an array of {value, label}");
        }
        List<Violation> violations = new ArrayList<>();
        List<SelectOption> options = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode option = json.get(i);
            String at = OPTIONS + "[" + i + "]";
            if (!option.isObject()) {
                violations.add(new Violation(at, "type", at + " must be an object {value, label, color?, position?}"));
                continue;
            }
            String value = nonEmptyText(option, "value", at, violations);
            String label = nonEmptyText(option, "label", at, violations);
            JsonNode color = option.path("color");
            if (!color.isMissingNode() && !color.isNull() && !color.isString()) {
                violations.add(new Violation(at + ".color", "type", "color must be a text"));
            }
            JsonNode position = option.path("position");
            if (!position.isMissingNode() && !position.isNull() && !position.canConvertToInt()) {
                violations.add(new Violation(at + ".position", "type", "position must be an integer"));
            }
            if (value != null && label != null) {
                options.add(new SelectOption(value, label, color.isString() ? color.asString() : null,
                        position.canConvertToInt() ? position.asInt() : i));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return options;
    }

    private static String nonEmptyText(JsonNode option, String property, String at, List<Violation> violations) {
        JsonNode value = option.path(property);
        if (!value.isString() || value.asString().isEmpty()) {
            violations.add(new Violation(at + "." + property, "required",
                    at + "." + property + " must be a non-empty text"));
            return null;
        }
        return value.asString();
    }

    private static FieldType.Relation relation(JsonNode settings, String targetObject, String inverseField) {
        JsonNode json = requireObject(settings);
        List<Violation> violations = new ArrayList<>();
        RelationType relationType = enumValue(json, RELATION_TYPE, RelationType.class, null, violations);
        OnDelete onDelete = enumValue(json, ON_DELETE, OnDelete.class, OnDelete.SET_NULL, violations);
        if (targetObject == null || targetObject.isBlank()) {
            violations.add(new Violation("relation.targetObjectNameSingular", "required",
                    "a relation needs the object at its other end"));
        }
        if (inverseField == null) {
            violations.add(new Violation("relation.targetFieldMetadataId", "required",
                    "a relation needs the field that is its other side"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return new FieldType.Relation(relationType, targetObject, inverseField, onDelete);
    }

    private static FieldType.TsVector tsVector(JsonNode settings) {
        JsonNode sources = settings.path(SOURCES);
        if (sources.isMissingNode() || sources.isNull()) {
            return FieldType.TsVector.ofTextColumns(strings(settings, SOURCE_COLUMNS));
        }
        if (!sources.isArray()) {
            throw invalid(settingsProperty(SOURCES), "type", SOURCES + " must be a list of {column, kind}");
        }
        List<Violation> violations = new ArrayList<>();
        List<SearchSource> read = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            JsonNode source = sources.get(i);
            String at = settingsProperty(SOURCES) + "[" + i + "]";
            JsonNode column = source.path("column");
            if (!column.isString() || column.asString().isBlank()) {
                violations.add(new Violation(at + ".column", "required", "a column name is required"));
                continue;
            }
            List<Violation> kindViolations = new ArrayList<>();
            SearchSource.Kind kind = enumValue(source, "kind", SearchSource.Kind.class, SearchSource.Kind.TEXT,
                    kindViolations);
            kindViolations.forEach(v -> violations.add(new Violation(at + ".kind", v.rule(), v.message())));
            JsonNode callingCode = source.path("callingCodeColumn");
            String callingCodeColumn = kind == SearchSource.Kind.PHONE && callingCode.isString()
                    && !callingCode.asString().isBlank() ? callingCode.asString() : null;
            read.add(new SearchSource(column.asString(), kind, callingCodeColumn));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return new FieldType.TsVector(read);
    }

    private static FieldType.MorphRelation morphRelation(JsonNode settings) {
        JsonNode json = requireObject(settings);
        List<String> targets = strings(json, TARGET_OBJECTS);
        if (targets.isEmpty()) {
            throw invalid(settingsProperty(TARGET_OBJECTS), "empty", TARGET_OBJECTS + " needs at least one name");
        }
        List<Violation> violations = new ArrayList<>();
        OnDelete onDelete = enumValue(json, ON_DELETE, OnDelete.class, OnDelete.SET_NULL, violations);
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return new FieldType.MorphRelation(targets, onDelete);
    }

    private static JsonNode requireObject(JsonNode settings) {
        if (!settings.isObject()) {
            throw invalid(SETTINGS, "required", "fields of this type need their settings");
        }
        return settings;
    }

    private static <E extends Enum<E>> E enumValue(
            JsonNode json, String property, Class<E> type, E fallback, List<Violation> violations) {
        JsonNode value = json.path(property);
        if (!value.isString()) {
            if (fallback == null) {
                violations.add(new Violation(settingsProperty(property), "required", property + " is required"));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.asString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(settingsProperty(property), "unknown-value",
                    property + " '" + value.asString() + "' is not one of " + List.of(type.getEnumConstants())));
            return fallback;
        }
    }

    private static List<String> strings(JsonNode json, String property) {
        JsonNode array = json.path(property);
        if (!array.isArray()) {
            throw invalid(settingsProperty(property), "required", property + " must be a list of names");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isString() || array.get(i).asString().isBlank()) {
                throw invalid(settingsProperty(property) + "[" + i + "]", "required", "a name is required");
            }
            strings.add(array.get(i).asString());
        }
        return strings;
    }

    private static JsonNode orNull(JsonNode json) {
        return json == null || json.isMissingNode() ? NODES.nullNode() : json;
    }

    private static String settingsProperty(String property) {
        return SETTINGS + "." + property;
    }

    private static InvalidFieldTypeException invalid(String field, String rule, String message) {
        return new InvalidFieldTypeException(List.of(new Violation(field, rule, message)));
    }
}
