package org.opencrm.dataapi.model;

import java.util.List;
import java.util.UUID;

import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;

/**
 * A field of an object whose columns exist.
 *
 * @param id      the field's metadata id; null for a system field that metadata did not list
 * @param unique  whether a unique index among live rows covers it
 * @param columns its physical columns; empty for the ONE_TO_MANY side of a relation
 */
public record FieldModel(UUID id, String name, FieldType type, boolean nullable, boolean unique,
        List<FieldColumn> columns) {

    public FieldModel {
        columns = List.copyOf(columns);
    }
}
