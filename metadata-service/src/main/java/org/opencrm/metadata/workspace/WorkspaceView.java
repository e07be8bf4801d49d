package org.opencrm.metadata.workspace;

import java.time.Instant;
import java.util.UUID;

import org.opencrm.metadata.migration.MigrationView;

/**
 * A workspace as the metadata API shows it.
 *
 * @param migration the migration that creates its schema; its error says why a creation failed
 */
record WorkspaceView(
        UUID id,
        String displayName,
        String activationStatus,
        String schemaName,
        UUID creatorUserId,
        Instant createdAt,
        MigrationView migration) {
}
