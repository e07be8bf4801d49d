package org.opencrm.schema;

import java.util.Objects;
import org.opencrm.proto.metadata.v1.Column;

/**
 * One physical column of a field.
 *
 * @param subField the composite sub-field ("firstName" for {@code nameFirstName}), the target object's
 *     nameSingular for a MORPH_RELATION column, null for an atomic field's one column
 */
public record FieldColumn(String subField, Column column) {

    public FieldColumn {
        Objects.requireNonNull(column, "column");
    }

    public String columnName() {
        return column.getName();
    }
}
