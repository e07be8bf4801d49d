package org.opencrm.dataapi.query;

import static org.opencrm.schema.SqlIdentifiers.quote;

import java.util.List;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SelectOption;
import org.opencrm.schema.SqlIdentifiers;

/**
 * One column a query names: an atomic field ({@code city}), a composite part ({@code name.firstName}) or the foreign
 * key of a relation ({@code companyId}).
 *
 * @param path as the client wrote it
 */
public record QueryField(String path, FieldModel field, FieldColumn column) {

    public Column sqlColumn() {
        return column.column();
    }

    public String columnName() {
        return column.columnName();
    }

    /** The quoted column, unqualified. */
    public String sql() {
        return quote(column.columnName());
    }

    public boolean nullable() {
        return sqlColumn().getNullable();
    }

    public boolean array() {
        return sqlColumn().getArray();
    }

    public ColumnType type() {
        return sqlColumn().getType();
    }

    /** The SQL type a text value is cast to for this column (one element's type for an array). */
    public String castType(String schema) {
        return switch (type()) {
            case COLUMN_TYPE_UUID -> "uuid";
            case COLUMN_TYPE_DOUBLE -> "double precision";
            case COLUMN_TYPE_NUMERIC -> "numeric";
            case COLUMN_TYPE_BOOLEAN -> "boolean";
            case COLUMN_TYPE_DATE -> "date";
            case COLUMN_TYPE_TIMESTAMPTZ -> "timestamptz";
            case COLUMN_TYPE_JSONB -> "jsonb";
            case COLUMN_TYPE_TSVECTOR -> "tsvector";
            case COLUMN_TYPE_ENUM -> SqlIdentifiers.qualify(schema, sqlColumn().getEnumTypeName());
            case COLUMN_TYPE_TEXT, COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> "text";
        };
    }

    /** The values an enum column accepts, in their order; empty for other columns. */
    public List<String> enumValues() {
        if (type() != ColumnType.COLUMN_TYPE_ENUM) {
            return List.of();
        }
        return switch (field.type()) {
            case FieldType.Select select -> select.options().stream().map(SelectOption::value).toList();
            case FieldType.MultiSelect multi -> multi.options().stream().map(SelectOption::value).toList();
            case FieldType.Rating rating -> rating.options().stream().map(SelectOption::value).toList();
            case FieldType.Actor actor -> CompositeSubFields.ACTOR_SOURCES;
            default -> List.of();
        };
    }
}
