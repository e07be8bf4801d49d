package org.opencrm.schema;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Reads a field's {@code defaultValue} as metadata holds it (Twenty's form): texts and enum values quoted
 * ({@code "'NEW'"}) or plain, numbers, booleans, the functions {@code "now"} and {@code "uuid"}, {@code []} for
 * arrays, an array of option values for multi-selects, any JSON for RAW_JSON, and for a composite field an object
 * of its parts' defaults ({@code {"amountMicros": 0, "currencyCode": "'EUR'"}}). metadata-service checks clients'
 * defaults with it, and data-api-service reads stored ones with it, so both agree on what a default is.
 */
public final class DefaultValues {

    private DefaultValues() {
    }

    /**
     * The default, or empty when there is none (absent, JSON null) or it is not a default of this type (see
     * {@link #expected}, and {@link #compositeProblem} for a composite type).
     */
    public static Optional<DefaultValue> parse(FieldType type, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
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
            case FieldType.MultiSelect select -> enumValues(value, select.options());
            case FieldType.Array t -> emptyArray(value);
            case FieldType.RawJson t -> new DefaultValue.Json(value.toString());
            case FieldType.RichTextV2 t -> composite(type, value).value();
            case FieldType.FullName t -> composite(type, value).value();
            case FieldType.Emails t -> composite(type, value).value();
            case FieldType.Phones t -> composite(type, value).value();
            case FieldType.Links t -> composite(type, value).value();
            case FieldType.Address t -> composite(type, value).value();
            case FieldType.Currency t -> composite(type, value).value();
            case FieldType.Actor t -> composite(type, value).value();
            // The platform's own defaults of these (positions, search vectors) are not metadata's.
            case FieldType.Position t -> null;
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
            case FieldType.MultiSelect t -> "defaultValue of a MULTI_SELECT field must be an array of distinct option values";
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

    /** Why a composite field's default is refused, in words naming the part; empty when it is accepted. */
    public static Optional<String> compositeProblem(FieldType type, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.ofNullable(composite(type, value).problem());
    }

    private record CompositeParse(DefaultValue.Composite value, String problem) {
        static CompositeParse refused(String problem) {
            return new CompositeParse(null, problem);
        }
    }

    /**
     * Each part's default: the standard one for a part the client left out, none for a part it set to null, else
     * the client's, read by the part's column type. Defaults stay within what the data API accepts as values:
     * a currency code must be ISO 4217, and an email, link or phone number can only default to empty (one address
     * for every new record is not a default anyone means).
     */
    private static CompositeParse composite(FieldType type, JsonNode value) {
        List<CompositeSubField> subFields = CompositeSubFields.of(type);
        List<String> names = subFields.stream().map(CompositeSubField::name).toList();
        if (type instanceof FieldType.Actor) {
            return CompositeParse.refused("fields of type ACTOR take no defaultValue: the platform records who created a record");
        }
        if (!value.isObject()) {
            return CompositeParse.refused("defaultValue of a " + type.typeName() + " field must be an object of its parts' defaults "
                    + names);
        }
        Map<String, DefaultValue> parts = new HashMap<>();
        for (CompositeSubField sub : subFields) {
            if (sub.defaultValue() != null) {
                parts.put(sub.name(), sub.defaultValue());
            }
        }
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            String name = property.getKey();
            CompositeSubField sub = subFields.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (sub == null) {
                return CompositeParse.refused("defaultValue." + name + " is not a part of a " + type.typeName() + " field "
                        + names);
            }
            if (property.getValue().isNull()) {
                parts.remove(name);
                continue;
            }
            DefaultValue part = partDefault(type, sub, property.getValue());
            if (part == null) {
                return CompositeParse.refused("defaultValue." + name + " " + partExpected(type, sub));
            }
            parts.put(name, part);
        }
        return new CompositeParse(new DefaultValue.Composite(parts), null);
    }

    private static DefaultValue partDefault(FieldType type, CompositeSubField sub, JsonNode value) {
        return switch (sub.columnType()) {
            case COLUMN_TYPE_TEXT -> {
                if (!value.isString()) {
                    yield null;
                }
                String text = unquoted(value.asString());
                if (!text.isEmpty() && onlyEmptyDefaults(type)) {
                    yield null;
                }
                if (!text.isEmpty() && type instanceof FieldType.Currency && !isCurrencyCode(text)) {
                    yield null;
                }
                yield new DefaultValue.Text(text);
            }
            case COLUMN_TYPE_NUMERIC -> {
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    yield null;
                }
                double number = value.asDouble();
                boolean fits = switch (sub.name()) {
                    case "amountMicros" -> number == Math.rint(number);
                    case "addressLat" -> number >= -90 && number <= 90;
                    case "addressLng" -> number >= -180 && number <= 180;
                    default -> true;
                };
                yield fits ? new DefaultValue.Number(number) : null;
            }
            case COLUMN_TYPE_JSONB -> value.isArray() && value.isEmpty() ? new DefaultValue.Json("[]") : null;
            default -> null;
        };
    }

    private static String partExpected(FieldType type, CompositeSubField sub) {
        return switch (sub.columnType()) {
            case COLUMN_TYPE_TEXT -> onlyEmptyDefaults(type)
                    ? "can only be '' or null: a default " + type.typeName() + " value for every record is not supported"
                    : type instanceof FieldType.Currency
                            ? "must be an ISO 4217 currency code ('USD'), '' or null"
                            : "must be a text or null";
            case COLUMN_TYPE_NUMERIC -> switch (sub.name()) {
                case "amountMicros" -> "must be a whole number of micros (1 = 1,000,000) or null";
                case "addressLat" -> "must be a latitude from -90 to 90 or null";
                case "addressLng" -> "must be a longitude from -180 to 180 or null";
                default -> "must be a number or null";
            };
            case COLUMN_TYPE_JSONB -> "can only be [] or null";
            default -> "takes no default";
        };
    }

    private static boolean onlyEmptyDefaults(FieldType type) {
        return type instanceof FieldType.Emails || type instanceof FieldType.Links || type instanceof FieldType.Phones;
    }

    private static boolean isCurrencyCode(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code []}, or distinct option values in the order given. */
    private static DefaultValue enumValues(JsonNode value, List<SelectOption> options) {
        if (!value.isArray()) {
            return null;
        }
        if (value.isEmpty()) {
            return new DefaultValue.EmptyArray();
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                return null;
            }
            String option = unquoted(element.asString());
            if (options.stream().noneMatch(o -> o.value().equals(option)) || !values.add(option)) {
                return null;
            }
        }
        return new DefaultValue.EnumValues(new ArrayList<>(values));
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
