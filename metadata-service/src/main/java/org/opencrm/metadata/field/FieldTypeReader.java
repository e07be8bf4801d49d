package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.InvalidFieldTypeException;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.RelationType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;

/**
 * Reads a field type from its name and JSON options: as a client sends them to the metadata API, and as
 * {@code core."fieldMetadata"} stores them.
 */
final class FieldTypeReader {

    private FieldTypeReader() {
    }

    /**
     * The type a client asked for, or the violations of its {@code type} and {@code options}. Types that only
     * the platform creates (system fields, search vectors) are refused; RELATION is read by {@link RelationFields}.
     */
    static Optional<FieldType> fromApi(String typeName, JsonNode options, List<Violation> violations) {
        if (typeName == null || typeName.isBlank()) {
            violations.add(new Violation("type", "required", "type is required"));
            return Optional.empty();
        }
        FieldType type = switch (typeName) {
            case "UUID" -> new FieldType.Uuid();
            case "TEXT" -> new FieldType.Text();
            case "NUMBER" -> new FieldType.Number();
            case "NUMERIC" -> new FieldType.Numeric();
            case "BOOLEAN" -> new FieldType.Boolean();
            case "DATE" -> new FieldType.Date();
            case "DATE_TIME" -> new FieldType.DateTime();
            case "RATING" -> new FieldType.Rating();
            case "RAW_JSON" -> new FieldType.RawJson();
            case "ARRAY" -> new FieldType.Array();
            case "RICH_TEXT" -> new FieldType.RichText();
            case "RICH_TEXT_V2" -> new FieldType.RichTextV2();
            case "FULL_NAME" -> new FieldType.FullName();
            case "EMAILS" -> new FieldType.Emails();
            case "PHONES" -> new FieldType.Phones();
            case "LINKS" -> new FieldType.Links();
            case "ADDRESS" -> new FieldType.Address();
            case "CURRENCY" -> new FieldType.Currency();
            case "SELECT", "MULTI_SELECT" -> selectType(typeName, options, violations);
            case "POSITION", "ACTOR", "TS_VECTOR", "RELATION", "MORPH_RELATION" -> {
                violations.add(new Violation("type", "unsupported-type",
                        "fields of type " + typeName + " cannot be created through this API"));
                yield null;
            }
            default -> {
                violations.add(new Violation("type", "unknown-type", "'" + typeName + "' is not a field type"));
                yield null;
            }
        };
        return Optional.ofNullable(type);
    }

    /** The type of a stored field; relations name their target object and the field on it that is their other side. */
    static FieldType fromStored(String typeName, JsonNode options, JsonNode settings, String targetObject,
            String inverseField) {
        return switch (typeName) {
            case "UUID" -> new FieldType.Uuid();
            case "TEXT" -> new FieldType.Text();
            case "NUMBER" -> new FieldType.Number();
            case "NUMERIC" -> new FieldType.Numeric();
            case "BOOLEAN" -> new FieldType.Boolean();
            case "DATE" -> new FieldType.Date();
            case "DATE_TIME" -> new FieldType.DateTime();
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
            case "SELECT" -> new FieldType.Select(storedOptions(options));
            case "MULTI_SELECT" -> new FieldType.MultiSelect(storedOptions(options));
            case "TS_VECTOR" -> new FieldType.TsVector(strings(settings.path("sourceColumns")));
            case "RELATION" -> new FieldType.Relation(
                    RelationType.valueOf(settings.path(FieldSettings.RELATION_TYPE).asString()),
                    targetObject, inverseField, OnDelete.valueOf(settings.path(FieldSettings.ON_DELETE).asString()));
            case "MORPH_RELATION" -> new FieldType.MorphRelation(strings(settings.path("targetObjects")),
                    OnDelete.valueOf(settings.path(FieldSettings.ON_DELETE).asString()));
            default -> throw new IllegalStateException("stored field type " + typeName + " is unknown");
        };
    }

    private static FieldType selectType(String typeName, JsonNode options, List<Violation> violations) {
        if (options == null || options.isNull() || options.isMissingNode()) {
            violations.add(new Violation("options", "required", typeName + " fields need options"));
            return null;
        }
        if (!options.isArray()) {
            violations.add(new Violation("options", "type", "options must be an array of {value, label}"));
            return null;
        }
        List<SelectOption> parsed = new ArrayList<>();
        int before = violations.size();
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            String at = "options[" + i + "]";
            if (!option.isObject()) {
                violations.add(new Violation(at, "type", at + " must be an object {value, label, color?, position?}"));
                continue;
            }
            String value = text(option, "value", at, violations);
            String label = text(option, "label", at, violations);
            JsonNode color = option.path("color");
            if (!color.isMissingNode() && !color.isNull() && !color.isString()) {
                violations.add(new Violation(at + ".color", "type", "color must be a text"));
            }
            JsonNode position = option.path("position");
            if (!position.isMissingNode() && !position.isNull() && !position.canConvertToInt()) {
                violations.add(new Violation(at + ".position", "type", "position must be an integer"));
            }
            if (value != null && label != null) {
                parsed.add(new SelectOption(value, label, color.isString() ? color.asString() : null,
                        position.canConvertToInt() ? position.asInt() : i));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        try {
            return typeName.equals("SELECT") ? new FieldType.Select(parsed) : new FieldType.MultiSelect(parsed);
        } catch (InvalidFieldTypeException e) {
            e.violations().forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
            return null;
        }
    }

    private static String text(JsonNode option, String property, String at, List<Violation> violations) {
        JsonNode value = option.path(property);
        if (!value.isString() || value.asString().isEmpty()) {
            violations.add(new Violation(at + "." + property, "required", at + "." + property + " must be a non-empty text"));
            return null;
        }
        return value.asString();
    }

    private static List<SelectOption> storedOptions(JsonNode options) {
        List<SelectOption> parsed = new ArrayList<>();
        for (JsonNode option : options) {
            parsed.add(new SelectOption(option.path("value").asString(), option.path("label").asString(),
                    option.path("color").isString() ? option.path("color").asString() : null,
                    option.path("position").asInt()));
        }
        return parsed;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
