package org.opencrm.schema;

import java.util.List;
import java.util.Objects;
import org.opencrm.proto.metadata.v1.ColumnType;

/**
 * One part of a composite field type, stored in its own column {@code <field><SubField>}.
 *
 * @param name the JSON property ("firstName")
 * @param columnType the column's type; for {@code COLUMN_TYPE_ENUM} the values are {@code enumValues}
 * @param defaultValue Twenty's default of the sub-column, null for none
 * @param inUniqueIndex whether a unique field's index covers this part (e.g. only an email's primaryEmail)
 * @param searchable whether the search vector covers this part when the field is a search field
 */
public record CompositeSubField(
        String name,
        ColumnType columnType,
        List<String> enumValues,
        DefaultValue defaultValue,
        boolean inUniqueIndex,
        boolean searchable) {

    public CompositeSubField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(columnType, "columnType");
        enumValues = List.copyOf(enumValues);
    }

    /** The column of this part of field {@code fieldName}: {@code nameFirstName}. */
    public String columnName(String fieldName) {
        return CompositeSubFields.columnName(fieldName, name);
    }
}
