package org.opencrm.metadata.field;

import java.util.UUID;

import org.opencrm.schema.FieldDefinition;

/**
 * A field about to be stored.
 *
 * @param relationTargetObjectMetadataId for a relation, the object at its other end
 * @param relationTargetFieldMetadataId for a relation, the field that is its other side
 * @param migrationId the migration that creates the field's columns
 * @param displaySettings the display settings a client set ({@link FieldSettings}), or null
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
        UUID migrationId,
        tools.jackson.databind.node.ObjectNode displaySettings) {

    /** A field without display settings (standard fields, relations). */
    public NewField(UUID id, UUID workspaceId, UUID objectMetadataId, FieldDefinition definition, String icon,
            boolean isCustom, UUID relationTargetObjectMetadataId, UUID relationTargetFieldMetadataId,
            UUID migrationId) {
        this(id, workspaceId, objectMetadataId, definition, icon, isCustom, relationTargetObjectMetadataId,
                relationTargetFieldMetadataId, migrationId, null);
    }
}
