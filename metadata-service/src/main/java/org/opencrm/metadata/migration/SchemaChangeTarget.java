package org.opencrm.metadata.migration;

import java.util.UUID;

/**
 * An ACTIVE workspace, locked against concurrent schema changes until the current transaction ends.
 *
 * @param schemaName the workspace's {@code workspace_<base36>} schema
 * @param dataSourceId the {@code core."dataSource"} row of that schema
 */
public record SchemaChangeTarget(UUID workspaceId, String schemaName, UUID dataSourceId) {
}
