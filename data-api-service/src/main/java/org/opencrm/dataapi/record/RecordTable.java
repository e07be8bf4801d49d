package org.opencrm.dataapi.record;

import java.util.UUID;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.WorkspaceSchemaName;

/**
 * The table of an object in the schema of the caller's workspace. The schema comes only from the caller's token, so
 * no request reaches another workspace's rows.
 */
record RecordTable(UUID workspaceId, ObjectModel object) {

    /** {@link #columns()} of each model instance (by identity), built once: every read names them. */
    private static final Cache<ObjectModel, String> COLUMNS = Caffeine.newBuilder().weakKeys().build();

    String schema() {
        return WorkspaceSchemaName.of(workspaceId);
    }

    /** {@code "workspace_abc"."person"}. */
    String qualifiedName() {
        return SqlIdentifiers.qualify(schema(), object.tableName());
    }

    /**
     * The columns a read returns, named one by one from the data model rather than {@code *}: a prepared
     * {@code SELECT *} fails with "cached plan must not change result type" once a column is added to the table,
     * while a named list keeps its result type until the model itself changes (and with it the SQL text). The
     * search vector is an index, never part of a record, and is left out.
     */
    String columns() {
        return COLUMNS.get(object, model -> columns(model, null));
    }

    /** As {@link #columns()}, each column qualified by a table alias ({@code r."name"}). */
    String columns(String alias) {
        return columns(object, alias);
    }

    private static String columns(ObjectModel object, String alias) {
        String prefix = alias == null ? "" : alias + ".";
        return object.fields().stream()
                .filter(field -> !(field.type() instanceof FieldType.TsVector))
                .map(FieldModel::columns)
                .flatMap(java.util.List::stream)
                .map(FieldColumn::columnName)
                .distinct()
                .map(column -> prefix + SqlIdentifiers.quote(column))
                .collect(Collectors.joining(", "));
    }
}
