package org.opencrm.metadata.migration;

import java.util.UUID;

/**
 * A migration was applied or failed for good; published in the transaction that records the outcome so that
 * listeners update their own state atomically with it.
 */
public record MigrationSettled(UUID migrationId, UUID workspaceId, String migrationName, MigrationStatus status) {
}
