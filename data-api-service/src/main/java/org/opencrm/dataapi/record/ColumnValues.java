package org.opencrm.dataapi.record;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.schema.SqlIdentifiers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Converts one column's value between its JDBC form and its REST JSON form, by the column's physical type. Values
 * reaching {@link #toJdbc} were validated against their field type first.
 */
final class ColumnValues {

    /** 2^53: past it a double no longer holds every whole number exactly. */
    private static final double MAX_EXACT_WHOLE_DOUBLE = 9_007_199_254_740_992d;

    /** Twenty writes times as UTC with milliseconds: {@code 2024-05-01T09:30:00.000Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ColumnValues() {
    }

    static JsonNode read(ResultSet row, Column column) throws SQLException {
        String name = column.getName();
        if (column.getArray()) {
            Array array = row.getArray(name);
            if (array == null) {
                return NODES.nullNode();
            }
            ArrayNode values = NODES.arrayNode();
            for (Object element : (Object[]) array.getArray()) {
                values.add(element == null ? NODES.nullNode() : NODES.stringNode(element.toString()));
            }
            return values;
        }
        JsonNode value = switch (column.getType()) {
            case COLUMN_TYPE_UUID -> {
                Object uuid = row.getObject(name);
                yield uuid == null ? null : NODES.stringNode(uuid.toString());
            }
            case COLUMN_TYPE_DOUBLE -> {
                double number = row.getDouble(name);
                yield row.wasNull() ? null : doubleNode(number);
            }
            case COLUMN_TYPE_NUMERIC -> {
                BigDecimal number = row.getBigDecimal(name);
                yield number == null ? null : NODES.numberNode(number);
            }
            case COLUMN_TYPE_BOOLEAN -> {
                boolean bool = row.getBoolean(name);
                yield row.wasNull() ? null : NODES.booleanNode(bool);
            }
            case COLUMN_TYPE_DATE -> {
                LocalDate date = row.getObject(name, LocalDate.class);
                yield date == null ? null : NODES.stringNode(date.toString());
            }
            case COLUMN_TYPE_TIMESTAMPTZ -> {
                OffsetDateTime time = row.getObject(name, OffsetDateTime.class);
                yield time == null ? null : NODES.stringNode(formatTimestamp(time));
            }
            case COLUMN_TYPE_JSONB -> {
                String json = row.getString(name);
                yield json == null ? null : JSON.readTree(json);
            }
            case COLUMN_TYPE_TEXT, COLUMN_TYPE_ENUM, COLUMN_TYPE_TSVECTOR, COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> {
                String text = row.getString(name);
                yield text == null ? null : NODES.stringNode(text);
            }
        };
        return value == null ? NODES.nullNode() : value;
    }

    static String formatTimestamp(OffsetDateTime time) {
        return TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The value to bind for the column; JSON null binds SQL NULL. */
    static Object toJdbc(JsonNode value, Column column) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (column.getArray()) {
            return value.toString();
        }
        return switch (column.getType()) {
            case COLUMN_TYPE_UUID -> UUID.fromString(value.asString());
            case COLUMN_TYPE_DOUBLE -> value.doubleValue();
            case COLUMN_TYPE_NUMERIC -> value.decimalValue();
            case COLUMN_TYPE_BOOLEAN -> value.booleanValue();
            case COLUMN_TYPE_DATE -> LocalDate.parse(value.asString());
            case COLUMN_TYPE_TIMESTAMPTZ -> FieldValueRules.parseTimestamp(value.asString());
            case COLUMN_TYPE_JSONB -> value.toString();
            case COLUMN_TYPE_TEXT, COLUMN_TYPE_ENUM, COLUMN_TYPE_TSVECTOR, COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED ->
                    value.asString();
        };
    }

    /**
     * The SQL expression that takes the bound parameter into the column's type: an enum type of the workspace schema,
     * jsonb, or an array built from the JSON array the parameter carries.
     */
    static String placeholder(String schema, Column column, String parameter, boolean isNull) {
        String bound = ":" + parameter;
        if (isNull) {
            return bound;
        }
        if (column.getArray()) {
            String elements = "ARRAY(SELECT jsonb_array_elements_text(CAST(" + bound + " AS jsonb)))";
            return column.getType() == org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_ENUM
                    ? "CAST(" + elements + " AS " + SqlIdentifiers.qualify(schema, column.getEnumTypeName()) + "[])"
                    : elements;
        }
        return switch (column.getType()) {
            case COLUMN_TYPE_ENUM -> "CAST(" + bound + " AS " + SqlIdentifiers.qualify(schema, column.getEnumTypeName()) + ")";
            case COLUMN_TYPE_JSONB -> "CAST(" + bound + " AS jsonb)";
            default -> bound;
        };
    }

    /** Whole numbers print without a fraction ({@code 500}, not {@code 500.0}), as Twenty's JSON shows float columns. */
    static JsonNode doubleNode(double number) {
        boolean whole = number == Math.rint(number) && Math.abs(number) < MAX_EXACT_WHOLE_DOUBLE;
        return whole ? NODES.numberNode((long) number) : NODES.numberNode(number);
    }
}
