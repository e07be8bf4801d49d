package org.opencrm.dataapi.record;

import java.util.UUID;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.WorkspaceSchemaName;

/**
 * The table of an object in the schema of the caller's workspace. The schema comes only from the caller's token, so
 * no request reaches another workspace's rows.
 */
record RecordTable(UUID workspaceId, ObjectModel object) {

    String schema() {
        return WorkspaceSchemaName.of(workspaceId);
    }

    /** {@code "workspace_abc"."person"}. */
    String qualifiedName() {
        return SqlIdentifiers.qualify(schema(), object.tableName());
    }
}
