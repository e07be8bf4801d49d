package org.opencrm.metadata.migration;

import java.time.Instant;
import java.util.UUID;

/** A workspace migration as the metadata API shows it. */
public record MigrationView(UUID id, UUID workspaceId, String name, MigrationStatus status, Instant appliedAt,
        String error, Instant createdAt) {
}
