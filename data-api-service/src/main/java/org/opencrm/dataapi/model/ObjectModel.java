package org.opencrm.dataapi.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An active object of a workspace with the fields the records API may read and write, system fields first.
 *
 * @param tableName the table in the workspace schema ({@code ObjectTables.tableName})
 */
public record ObjectModel(UUID id, String nameSingular, String namePlural, boolean custom, String tableName,
        List<FieldModel> fields) {

    public ObjectModel {
        fields = List.copyOf(fields);
    }

    public Optional<FieldModel> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** The fields by name, in column order. */
    public Map<String, FieldModel> fieldsByName() {
        Map<String, FieldModel> byName = new LinkedHashMap<>();
        fields.forEach(field -> byName.put(field.name(), field));
        return byName;
    }
}
