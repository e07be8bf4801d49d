package org.opencrm.metadata.field;

import java.util.UUID;

/**
 * One target of a new MORPH_RELATION field, as an item of Twenty's {@code morphRelationsCreationPayload}.
 *
 * @param type the new field's side; only {@code MANY_TO_ONE} (it holds one foreign key per target)
 * @param onDelete what deleting a target record does: {@code SET_NULL} (default), {@code CASCADE} or
 *     {@code RESTRICT}; every target takes the same
 */
record MorphRelationTarget(
        UUID targetObjectMetadataId,
        String type,
        String targetFieldLabel,
        String targetFieldIcon,
        String onDelete) {
}
