package org.opencrm.metadata.field;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /rest/metadata/fields}; {@code defaultValue} and {@code options} are read per type,
 * {@code relationCreationPayload} only for RELATION fields, {@code morphRelationsCreationPayload} only for
 * MORPH_RELATION fields.
 */
record CreateFieldRequest(
        UUID objectMetadataId,
        String name,
        String label,
        String type,
        String description,
        String icon,
        Boolean isNullable,
        Boolean isUnique,
        JsonNode defaultValue,
        JsonNode options,
        JsonNode settings,
        RelationCreationPayload relationCreationPayload,
        java.util.List<MorphRelationTarget> morphRelationsCreationPayload) {

    /** A request without morph relation targets: every type but MORPH_RELATION. */
    CreateFieldRequest(UUID objectMetadataId, String name, String label, String type, String description, String icon,
            Boolean isNullable, Boolean isUnique, JsonNode defaultValue, JsonNode options, JsonNode settings,
            RelationCreationPayload relationCreationPayload) {
        this(objectMetadataId, name, label, type, description, icon, isNullable, isUnique, defaultValue, options,
                settings, relationCreationPayload, null);
    }
}
