package org.opencrm.metadata.field;

import java.util.UUID;

/**
 * The other side of a new RELATION field, as Twenty's {@code relationCreationPayload}.
 *
 * @param type the new field's side: {@code MANY_TO_ONE} (it holds the foreign key) or {@code ONE_TO_MANY}
 * @param targetFieldLabel the label of the field created on the target object; its name is derived from it
 * @param onDelete what deleting a target record does: {@code SET_NULL} (default), {@code CASCADE} or {@code RESTRICT}
 */
record RelationCreationPayload(
        UUID targetObjectMetadataId,
        String type,
        String targetFieldLabel,
        String targetFieldIcon,
        String onDelete) {
}
