package org.opencrm.metadata.field;

import java.util.UUID;

/** The relation a RELATION field describes, as the metadata API shows it. */
public record RelationView(
        UUID targetObjectMetadataId,
        String targetObjectNameSingular,
        UUID targetFieldMetadataId,
        String type,
        String onDelete) {
}
