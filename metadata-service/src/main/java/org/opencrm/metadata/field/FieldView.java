package org.opencrm.metadata.field;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.opencrm.metadata.migration.MigrationStatus;

import tools.jackson.databind.JsonNode;

/**
 * A field as the metadata API shows it. {@code migrationStatus} is the status of the migration that creates
 * its columns: only APPLIED fields exist in the workspace schema.
 */
public record FieldView(
        UUID id,
        UUID objectMetadataId,
        String name,
        String label,
        String type,
        String description,
        String icon,
        boolean isCustom,
        boolean isActive,
        boolean isSystem,
        boolean isNullable,
        boolean isUnique,
        JsonNode defaultValue,
        JsonNode options,
        JsonNode settings,
        RelationView relation,
        MigrationStatus migrationStatus,
        UUID migrationId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String migrationError) {
}
