package org.opencrm.schema;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Reads a field's {@code defaultValue} as metadata holds it (Twenty's form): texts and enum values quoted
 * ({@code "'NEW'"}) or plain, numbers, booleans, the functions {@code "now"} and {@code "uuid"}, {@code []} for
 * arrays and multi-selects, any JSON for RAW_JSON. metadata-service checks clients' defaults with it, and
 * data-api-service reads stored ones with it, so both agree on what a default is.
 */
public final class DefaultValues {

    private DefaultValues() {
    }

    /**
     * The default, or empty when there is none (absent, JSON null) or it is not a default of this type (see
     * {@link #expected}). Composite types take the defaults of their parts and never one of their own.
     */
    public static Optional<DefaultValue> parse(FieldType type, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || CompositeSubFields.isComposite(type)) {
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
            // The platform's own defaults of these (positions, actors, search vectors) are not metadata's.
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
        return Optional.ofNullable(parsed);
    }

    /** What a default of this type must be, in words, for the error a wrong one gets. */
    public static String expected(FieldType type) {
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
            default -> "fields of type " + type.typeName() + " take no defaultValue";
        };
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
}
