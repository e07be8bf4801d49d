package org.opencrm.metadata.object;

import java.util.UUID;

import org.opencrm.schema.ObjectDefinition;

/** An object about to be stored, with the migration that creates its table. */
record NewObject(UUID id, UUID workspaceId, UUID dataSourceId, ObjectDefinition definition, String icon,
        UUID migrationId) {
}
