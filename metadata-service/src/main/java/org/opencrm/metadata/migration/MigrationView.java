package org.opencrm.metadata.migration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A workspace migration as the metadata API shows it.
 *
 * @param drift for a reconcile, each difference migration-worker found (shown once applied)
 */
public record MigrationView(UUID id, UUID workspaceId, String name, MigrationStatus status, Instant appliedAt,
        String error, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> drift) {

    /** A migration that reports no drift. */
    public MigrationView(UUID id, UUID workspaceId, String name, MigrationStatus status, Instant appliedAt,
            String error, Instant createdAt) {
        this(id, workspaceId, name, status, appliedAt, error, createdAt, null);
    }
}
