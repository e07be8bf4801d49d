package org.opencrm.metadata.field;

import java.util.List;
import java.util.Optional;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;

/**
 * Reads a client's {@code defaultValue} for a field of a given type, accepting Twenty's quoted form of texts and
 * enum values ({@code "'NEW'"}) as well as plain ones, and its function names {@code "now"} and {@code "uuid"}.
 */
final class DefaultValueReader {

    private static final String FIELD = "defaultValue";

    private DefaultValueReader() {
    }

    /** The default, empty when none was given or it is invalid (then {@code violations} says why). */
    static Optional<DefaultValue> fromApi(FieldType type, JsonNode value, List<Violation> violations) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (CompositeSubFields.isComposite(type)) {
            violations.add(new Violation(FIELD, "unsupported-default",
                    type.typeName() + " fields take the default of each of their parts; defaultValue must be absent"));
            return Optional.empty();
        }
        DefaultValue parsed = switch (type) {
            case FieldType.Text t -> text(value);
            case FieldType.RichText t -> text(value);
            case FieldType.Number t -> number(value);
            case FieldType.Numeric t -> number(value);
            case FieldType.Boolean t -> value.isBoolean() ? new DefaultValue.Boolean(value.asBoolean()) : null;
            case FieldType.DateTime t -> isFunction(value, "now") ? new DefaultValue.Now() : null;
            case FieldType.Date t -> isFunction(value, "now") ? new DefaultValue.Now() : null;
            case FieldType.Uuid t -> isFunction(value, "uuid") ? new DefaultValue.RandomUuid() : null;
            case FieldType.Select select -> enumValue(value, select.options());
            case FieldType.Rating rating -> enumValue(value, rating.options());
            case FieldType.MultiSelect t -> emptyArray(value);
            case FieldType.Array t -> emptyArray(value);
            case FieldType.RawJson t -> new DefaultValue.Json(value.toString());
            // Composite types were refused above; the others have no default a client may set.
            case FieldType.Position t -> null;
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
        if (parsed == null) {
            violations.add(new Violation(FIELD, "type", expected(type)));
        }
        return Optional.ofNullable(parsed);
    }

    private static DefaultValue text(JsonNode value) {
        return value.isString() ? new DefaultValue.Text(unquoted(value.asString())) : null;
    }

    private static DefaultValue number(JsonNode value) {
        return value.isNumber() ? new DefaultValue.Number(value.asDouble()) : null;
    }

    private static boolean isFunction(JsonNode value, String function) {
        return value.isString() && value.asString().equals(function);
    }

    private static DefaultValue enumValue(JsonNode value, List<SelectOption> options) {
        if (!value.isString()) {
            return null;
        }
        String option = unquoted(value.asString());
        return options.stream().anyMatch(o -> o.value().equals(option)) ? new DefaultValue.EnumValue(option) : null;
    }

    private static DefaultValue emptyArray(JsonNode value) {
        return value.isArray() && value.isEmpty() ? new DefaultValue.EmptyArray() : null;
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                ? text.substring(1, text.length() - 1)
                : text;
    }

    private static String noDefault(FieldType type) {
        return "fields of type " + type.typeName() + " take no defaultValue";
    }

    private static String expected(FieldType type) {
        return switch (type) {
            case FieldType.Text t -> "defaultValue of a TEXT field must be a text";
            case FieldType.RichText t -> "defaultValue of a RICH_TEXT field must be a text";
            case FieldType.Number t -> "defaultValue of a NUMBER field must be a number";
            case FieldType.Numeric t -> "defaultValue of a NUMERIC field must be a number";
            case FieldType.Boolean t -> "defaultValue of a BOOLEAN field must be true or false";
            case FieldType.DateTime t -> "defaultValue of a DATE_TIME field can only be \"now\"";
            case FieldType.Date t -> "defaultValue of a DATE field can only be \"now\"";
            case FieldType.Uuid t -> "defaultValue of a UUID field can only be \"uuid\"";
            case FieldType.Select t -> "defaultValue of a SELECT field must be one of its option values";
            case FieldType.Rating t -> "defaultValue of a RATING field must be one of RATING_1..RATING_5";
            case FieldType.MultiSelect t -> "defaultValue of a MULTI_SELECT field can only be []";
            case FieldType.Array t -> "defaultValue of an ARRAY field can only be []";
            case FieldType.RawJson t -> "defaultValue of a RAW_JSON field must be JSON";
            case FieldType.Position t -> noDefault(type);
            case FieldType.RichTextV2 t -> noDefault(type);
            case FieldType.FullName t -> noDefault(type);
            case FieldType.Emails t -> noDefault(type);
            case FieldType.Phones t -> noDefault(type);
            case FieldType.Links t -> noDefault(type);
            case FieldType.Address t -> noDefault(type);
            case FieldType.Currency t -> noDefault(type);
            case FieldType.Actor t -> noDefault(type);
            case FieldType.TsVector t -> noDefault(type);
            case FieldType.Relation t -> noDefault(type);
            case FieldType.MorphRelation t -> noDefault(type);
        };
    }
}
