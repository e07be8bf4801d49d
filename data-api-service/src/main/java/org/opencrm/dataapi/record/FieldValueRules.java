package org.opencrm.dataapi.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;

/** Whether a JSON value fits a field's type: the rules each field type sets for the values clients send. */
final class FieldValueRules {

    private FieldValueRules() {
    }

    /** The broken rules of a non-null value of {@code key}; empty when the value fits. */
    static List<Violation> check(RecordKey key, JsonNode value) {
        String path = key.key();
        return switch (key.field().type()) {
            case FieldType.Uuid t -> uuid(path, value);
            case FieldType.Text t -> text(path, value);
            case FieldType.RichText t -> text(path, value);
            case FieldType.Number t -> number(path, value);
            case FieldType.Position t -> number(path, value);
            case FieldType.Numeric t -> number(path, value);
            case FieldType.Boolean t -> value.isBoolean() ? List.of() : type(path, "a boolean");
            case FieldType.Date t -> date(path, value);
            case FieldType.DateTime t -> dateTime(path, value);
            case FieldType.Select select -> option(path, value, select.options());
            case FieldType.Rating rating -> option(path, value, rating.options());
            case FieldType.MultiSelect multi -> options(path, value, multi.options());
            case FieldType.RawJson t -> List.of();
            case FieldType.Array t -> texts(path, value);
            case FieldType.FullName t -> composite(key, value);
            case FieldType.Emails t -> composite(key, value);
            case FieldType.Phones t -> composite(key, value);
            case FieldType.Links t -> composite(key, value);
            case FieldType.Address t -> composite(key, value);
            case FieldType.Currency t -> composite(key, value);
            case FieldType.RichTextV2 t -> composite(key, value);
            case FieldType.Relation t -> uuid(path, value);
            case FieldType.MorphRelation t -> uuid(path, value);
            case FieldType.Actor t -> readOnly(path);
            case FieldType.TsVector t -> readOnly(path);
        };
    }

    static List<Violation> readOnly(String path) {
        return List.of(new Violation(path, "read-only", "'" + path + "' is set by the server and cannot be written"));
    }

    /** ISO-8601 with an offset ({@code 2024-05-01T09:30:00Z}, {@code 2024-05-01T11:30:00+02:00}). */
    static OffsetDateTime parseTimestamp(String text) {
        return OffsetDateTime.parse(text);
    }

    private static List<Violation> composite(RecordKey key, JsonNode value) {
        if (!value.isObject()) {
            return type(key.key(), "an object of " + key.columns().stream().map(FieldColumn::subField)
                    .collect(Collectors.joining(", ")));
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> parts = key.columns().stream().map(FieldColumn::subField).collect(Collectors.toSet());
        for (String property : value.propertyNames()) {
            String path = key.key() + "." + property;
            JsonNode part = value.get(property);
            if (!parts.contains(property)) {
                violations.add(new Violation(path, "unknown-sub-field",
                        "'" + key.key() + "' has no part '" + property + "'; its parts are " + parts));
            } else if (!part.isNull()) {
                FieldColumn column = key.columns().stream().filter(c -> property.equals(c.subField())).findFirst()
                        .orElseThrow();
                List<Violation> broken = part(path, column, part);
                violations.addAll(broken.isEmpty() ? ValueFormats.check(key.field().type(), property, path, part)
                        : broken);
            }
        }
        return violations;
    }

    private static List<Violation> part(String path, FieldColumn column, JsonNode value) {
        return switch (column.column().getType()) {
            case COLUMN_TYPE_TEXT, COLUMN_TYPE_ENUM -> text(path, value);
            case COLUMN_TYPE_NUMERIC, COLUMN_TYPE_DOUBLE -> number(path, value);
            case COLUMN_TYPE_UUID -> uuid(path, value);
            case COLUMN_TYPE_JSONB -> value.isArray() || value.isObject() ? List.of() : type(path, "an array");
            case COLUMN_TYPE_BOOLEAN -> value.isBoolean() ? List.of() : type(path, "a boolean");
            case COLUMN_TYPE_DATE -> date(path, value);
            case COLUMN_TYPE_TIMESTAMPTZ -> dateTime(path, value);
            case COLUMN_TYPE_TSVECTOR, COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> readOnly(path);
        };
    }

    private static List<Violation> text(String path, JsonNode value) {
        return value.isString() ? List.of() : type(path, "a string");
    }

    private static List<Violation> texts(String path, JsonNode value) {
        if (!value.isArray()) {
            return type(path, "an array of strings");
        }
        for (JsonNode element : value) {
            if (!element.isString()) {
                return type(path, "an array of strings");
            }
        }
        return List.of();
    }

    private static List<Violation> number(String path, JsonNode value) {
        return value.isNumber() && Double.isFinite(value.doubleValue()) ? List.of() : type(path, "a finite number");
    }

    private static List<Violation> uuid(String path, JsonNode value) {
        if (value.isString()) {
            try {
                UUID.fromString(value.asString());
                return List.of();
            } catch (IllegalArgumentException e) {
                // falls through to the violation
            }
        }
        return type(path, "a UUID");
    }

    private static List<Violation> date(String path, JsonNode value) {
        if (value.isString()) {
            try {
                LocalDate.parse(value.asString());
                return List.of();
            } catch (DateTimeParseException e) {
                // falls through to the violation
            }
        }
        return type(path, "an ISO-8601 date (2024-05-01)");
    }

    private static List<Violation> dateTime(String path, JsonNode value) {
        if (value.isString()) {
            try {
                parseTimestamp(value.asString());
                return List.of();
            } catch (DateTimeParseException e) {
                // falls through to the violation
            }
        }
        return type(path, "an ISO-8601 date-time with offset (2024-05-01T09:30:00Z)");
    }

    private static List<Violation> option(String path, JsonNode value, List<SelectOption> options) {
        List<String> values = options.stream().map(SelectOption::value).toList();
        if (value.isString() && values.contains(value.asString())) {
            return List.of();
        }
        return List.of(new Violation(path, "option", "'" + path + "' must be one of " + values));
    }

    private static List<Violation> options(String path, JsonNode value, List<SelectOption> options) {
        if (!value.isArray()) {
            return type(path, "an array of options");
        }
        List<Violation> violations = new ArrayList<>();
        for (JsonNode element : value) {
            violations.addAll(option(path, element, options));
        }
        return violations.isEmpty() ? List.of() : List.of(violations.getFirst());
    }

    private static List<Violation> type(String path, String expected) {
        return List.of(new Violation(path, "type", "'" + path + "' must be " + expected));
    }
}
