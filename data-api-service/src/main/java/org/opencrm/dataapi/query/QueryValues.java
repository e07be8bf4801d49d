package org.opencrm.dataapi.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a value written in a query into the Java value bound for its column, or says why it does not fit. The bound
 * value's JDBC type matches the column, so PostgreSQL compares like with like and can use its indexes.
 */
final class QueryValues {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private QueryValues() {
    }

    /**
     * @return the value to bind: a UUID, Double, BigDecimal, Boolean, LocalDate, OffsetDateTime or String
     * @throws InvalidQueryException naming the value's offset when it does not fit the column
     */
    static Object typed(QueryField field, Filter.Scalar value, String parameter) {
        String text = value.text();
        return switch (field.type()) {
            case COLUMN_TYPE_UUID -> {
                if (!UUID_TEXT.matcher(text).matches()) {
                    throw type(field, value, parameter, "a UUID");
                }
                yield UUID.fromString(text);
            }
            case COLUMN_TYPE_DOUBLE -> {
                try {
                    double number = Double.parseDouble(text);
                    if (!Double.isFinite(number) || !looksNumeric(text)) {
                        throw type(field, value, parameter, "a finite number");
                    }
                    yield number;
                } catch (NumberFormatException e) {
                    throw type(field, value, parameter, "a number");
                }
            }
            case COLUMN_TYPE_NUMERIC -> {
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw type(field, value, parameter, "a number");
                }
            }
            case COLUMN_TYPE_BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw type(field, value, parameter, "true or false");
            };
            case COLUMN_TYPE_DATE -> {
                try {
                    yield LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw type(field, value, parameter, "an ISO-8601 date (2024-05-01)");
                }
            }
            case COLUMN_TYPE_TIMESTAMPTZ -> timestamp(field, value, parameter);
            case COLUMN_TYPE_ENUM -> {
                List<String> allowed = field.enumValues();
                if (!allowed.contains(text)) {
                    throw new InvalidQueryException(parameter, value.offset(), "option",
                            "'" + field.path() + "' must be one of " + allowed + ", was '" + text + "'");
                }
                yield text;
            }
            case COLUMN_TYPE_TEXT -> text;
            case COLUMN_TYPE_JSONB, COLUMN_TYPE_TSVECTOR, COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED ->
                    throw new InvalidQueryException(parameter, value.offset(), "operator",
                            "'" + field.path() + "' can only be tested with [is]:NULL or [is]:NOT_NULL");
        };
    }

    /** PostgreSQL's text holds no NUL character: refused here rather than failing the statement. */
    static void requireNoNul(Filter.Scalar value, String parameter) {
        if (value.text().indexOf('\0') >= 0) {
            throw new InvalidQueryException(parameter, value.offset(), "type", "a value must not contain NUL characters");
        }
    }

    /** A date-time with an offset; a date or a date-time without one is read as UTC. */
    private static OffsetDateTime timestamp(QueryField field, Filter.Scalar value, String parameter) {
        String text = value.text();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // tries the shorter forms below
        }
        try {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // tries a date below
        }
        try {
            return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw type(field, value, parameter, "an ISO-8601 date-time (2024-05-01T09:30:00Z) or date");
        }
    }

    /** Refuses Java's extra spellings ({@code 1d}, {@code 0x1p3}) that PostgreSQL would not read. */
    private static boolean looksNumeric(String text) {
        return text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    private static InvalidQueryException type(QueryField field, Filter.Scalar value, String parameter, String expected) {
        return new InvalidQueryException(parameter, value.offset(), "type",
                "'" + field.path() + "' takes " + expected + ", was '" + value.text() + "'");
    }
}
