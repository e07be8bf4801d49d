package org.opencrm.metadata.index;

import java.util.List;
import java.util.UUID;

import org.opencrm.metadata.migration.MigrationStatus;

/**
 * An index as the metadata API shows it, in Twenty's shape ({@code indexFieldMetadatas} in order), with the status
 * of the migration that creates it.
 */
record IndexView(
        UUID id,
        UUID objectMetadataId,
        String name,
        String indexType,
        boolean isUnique,
        String indexWhereClause,
        boolean isCustom,
        List<IndexFieldView> indexFieldMetadatas,
        MigrationStatus migrationStatus,
        UUID migrationId) {

    record IndexFieldView(UUID fieldMetadataId, int order) {
    }
}
