package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.CompositeSubField;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.SystemFields;

/**
 * The unique key an upsert matches an existing record on, as Twenty does: the {@code id} when the body sets it,
 * otherwise the first unique field (in field order) whose indexed columns the body all sets to a value.
 *
 * @param values        the body's values of the key's columns
 * @param columns       the columns of the key's unique index, in index order
 * @param skipWhenEmpty the text columns the index leaves out when empty (part of its predicate)
 */
record UpsertKey(List<ColumnValue> values, List<String> columns, List<String> skipWhenEmpty) {

    static Optional<UpsertKey> of(ObjectModel object, List<ColumnValue> values) {
        Map<String, ColumnValue> byColumn = values.stream()
                .collect(Collectors.toMap(value -> value.column().getName(), Function.identity(), (a, b) -> b));
        ColumnValue id = byColumn.get(SystemFields.ID);
        if (id != null && id.value() != null && !id.value().isNull()) {
            return Optional.of(new UpsertKey(List.of(id), List.of(SystemFields.ID), List.of()));
        }
        for (FieldModel field : object.fields()) {
            if (!field.unique() || field.columns().isEmpty()) {
                continue;
            }
            List<String> columns = uniqueColumns(field);
            List<ColumnValue> key = new ArrayList<>();
            for (String column : columns) {
                ColumnValue value = byColumn.get(column);
                if (value == null || value.value() == null || value.value().isNull()
                        || (value.value().isString() && value.value().asString().isEmpty())) {
                    break;
                }
                key.add(value);
            }
            if (!columns.isEmpty() && key.size() == columns.size()) {
                return Optional.of(new UpsertKey(key, columns, emptyTextColumns(field, columns)));
            }
        }
        return Optional.empty();
    }

    /** The columns of a unique field's index, as workspace-schema's {@code SchemaPlans} creates it. */
    static List<String> uniqueColumns(FieldModel field) {
        if (!CompositeSubFields.isComposite(field.type())) {
            return field.columns().stream().map(FieldColumn::columnName).toList();
        }
        return CompositeSubFields.of(field.type()).stream()
                .filter(CompositeSubField::inUniqueIndex)
                .map(sub -> sub.columnName(field.name()))
                .toList();
    }

    private static List<String> emptyTextColumns(FieldModel field, List<String> unique) {
        return field.columns().stream()
                .filter(column -> unique.contains(column.columnName()))
                .filter(column -> column.column().getType() == ColumnType.COLUMN_TYPE_TEXT)
                .filter(column -> column.column().getDefaultValue().hasText()
                        && column.column().getDefaultValue().getText().isEmpty())
                .map(FieldColumn::columnName)
                .toList();
    }
}
