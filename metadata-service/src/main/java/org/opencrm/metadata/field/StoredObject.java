package org.opencrm.metadata.field;

import java.util.UUID;

import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.ObjectDefinition;

/**
 * An object of a workspace as stored, rebuilt as a definition so that the naming rules and schema plans can
 * reason about it.
 *
 * @param migrationStatus the status of the migration that creates its table
 */
public record StoredObject(UUID id, ObjectDefinition definition, boolean isActive, MigrationStatus migrationStatus) {
}
