package org.opencrm.schema.ddl;

import java.math.BigDecimal;
import java.util.Optional;

import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;

/** Renders one column of a workspace table: its type, nullability, default or generated search expression. */
final class ColumnDefinitions {

    private final String schema;

    /** @param schema the quoted workspace schema, for enum types */
    ColumnDefinitions(String schema) {
        this.schema = schema;
    }

    /** {@code "name" type [GENERATED ...] [NOT NULL] [DEFAULT ...]}, without a primary-key clause. */
    String definition(Column column) {
        String name = Identifiers.quoted(column.getName(), "column name");
        try {
            StringBuilder sql = new StringBuilder(name).append(' ').append(type(column));
            if (!SearchVectorExpression.sources(column).isEmpty()) {
                if (column.getDefaultValue().getValueCase() != ColumnDefault.ValueCase.VALUE_NOT_SET) {
                    throw new InvalidSchemaOperationException("a generated search vector cannot have a default");
                }
                sql.append(" GENERATED ALWAYS AS (").append(SearchVectorExpression.of(column)).append(") STORED");
            }
            if (!column.getNullable()) {
                sql.append(" NOT NULL");
            }
            defaultExpression(column, column.getDefaultValue()).ifPresent(expression -> sql.append(" DEFAULT ").append(expression));
            return sql.toString();
        } catch (InvalidSchemaOperationException e) {
            throw new InvalidSchemaOperationException("column " + name + ": " + e.getMessage());
        }
    }

    String type(Column column) {
        ColumnType type = column.getType();
        if (type != ColumnType.COLUMN_TYPE_ENUM && !column.getEnumTypeName().isEmpty()) {
            throw new InvalidSchemaOperationException("an enum type name is set on a " + type + " column");
        }
        if (type != ColumnType.COLUMN_TYPE_TSVECTOR && !SearchVectorExpression.sources(column).isEmpty()) {
            throw new InvalidSchemaOperationException("search source columns are set on a " + type + " column");
        }
        String base = switch (type) {
            case COLUMN_TYPE_UUID -> "uuid";
            case COLUMN_TYPE_TEXT -> "text";
            case COLUMN_TYPE_DOUBLE -> "double precision";
            case COLUMN_TYPE_NUMERIC -> "numeric";
            case COLUMN_TYPE_BOOLEAN -> "boolean";
            case COLUMN_TYPE_DATE -> "date";
            case COLUMN_TYPE_TIMESTAMPTZ -> "timestamp with time zone";
            case COLUMN_TYPE_JSONB -> "jsonb";
            case COLUMN_TYPE_TSVECTOR -> "tsvector";
            case COLUMN_TYPE_ENUM -> enumType(column);
            case COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new InvalidSchemaOperationException("has no known type");
        };
        return column.getArray() ? base + "[]" : base;
    }

    String enumType(Column column) {
        return schema + "." + Identifiers.quoted(column.getEnumTypeName(), "enum type name");
    }

    /** The default as a literal of the column's type; empty when the message carries no value. */
    Optional<String> defaultExpression(Column column, ColumnDefault value) {
        String expression = switch (value.getValueCase()) {
            case TEXT -> textLiteral(value.getText(), "text default");
            case NUMBER -> numberLiteral(value.getNumber());
            case BOOLEAN -> value.getBoolean() ? "true" : "false";
            case ENUM_VALUE -> enumLiteral(column, value.getEnumValue());
            case JSON -> textLiteral(value.getJson(), "json default") + "::jsonb";
            // Untyped, like '{}': PostgreSQL reads it as a value of the column's enum array type, or refuses it.
            case ENUM_VALUES -> textLiteral(arrayLiteral(value.getEnumValues().getValuesList()), "enum array default");
            case FUNCTION -> switch (value.getFunction()) {
                case DEFAULT_FUNCTION_NOW -> "now()";
                case DEFAULT_FUNCTION_GEN_RANDOM_UUID -> "gen_random_uuid()";
                case DEFAULT_FUNCTION_EMPTY_ARRAY -> "'{}'";
                case DEFAULT_FUNCTION_UNSPECIFIED, UNRECOGNIZED -> throw new InvalidSchemaOperationException("has an unknown default function");
            };
            case VALUE_NOT_SET -> null;
        };
        return Optional.ofNullable(expression);
    }

    /** {@code {"A","B"}}: each element double-quoted, its backslashes and double quotes escaped. */
    private static String arrayLiteral(java.util.List<String> values) {
        if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
            throw new InvalidSchemaOperationException("has an enum array default with no or empty values");
        }
        StringBuilder literal = new StringBuilder("{");
        for (String element : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static String numberLiteral(double number) {
        if (!Double.isFinite(number)) {
            throw new InvalidSchemaOperationException("has a non-finite number default");
        }
        // Shortest form: 5000000.0 would give a numeric column's default a scale, and its rows "5000000.0".
        BigDecimal value = BigDecimal.valueOf(number).stripTrailingZeros();
        return (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
    }

    private String enumLiteral(Column column, String enumValue) {
        if (column.getType() != ColumnType.COLUMN_TYPE_ENUM || column.getArray()) {
            throw new InvalidSchemaOperationException("has an enum default but is not a single-valued enum column");
        }
        if (enumValue.isEmpty()) {
            throw new InvalidSchemaOperationException("has an empty enum default");
        }
        return textLiteral(enumValue, "enum default") + "::" + enumType(column);
    }

    /**
     * A standard SQL string literal: quotes doubled, backslashes literal. Safe because the applying transaction
     * pins {@code standard_conforming_strings} on.
     */
    static String textLiteral(String value, String what) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidSchemaOperationException(what + " contains a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
