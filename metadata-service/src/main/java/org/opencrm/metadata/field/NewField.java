package org.opencrm.metadata.field;

import java.util.UUID;

import org.opencrm.schema.FieldDefinition;

/**
 * A field about to be stored.
 *
 * @param relationTargetObjectMetadataId for a relation, the object at its other end
 * @param relationTargetFieldMetadataId for a relation, the field that is its other side
 * @param migrationId the migration that creates the field's columns
 */
public record NewField(
        UUID id,
        UUID workspaceId,
        UUID objectMetadataId,
        FieldDefinition definition,
        String icon,
        boolean isCustom,
        UUID relationTargetObjectMetadataId,
        UUID relationTargetFieldMetadataId,
        UUID migrationId) {
}
