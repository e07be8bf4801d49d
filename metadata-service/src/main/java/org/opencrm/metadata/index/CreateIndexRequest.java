package org.opencrm.metadata.index;

import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /rest/metadata/indexes}.
 *
 * @param fieldMetadataIds the indexed fields, in index order (a composite field brings all its columns)
 * @param indexType {@code BTREE} (default) or {@code GIN} (one RAW_JSON, ARRAY, MULTI_SELECT or TS_VECTOR field)
 * @param isUnique unique among live rows (partial on {@code "deletedAt" IS NULL}), BTREE only
 */
record CreateIndexRequest(UUID objectMetadataId, List<UUID> fieldMetadataIds, String indexType, Boolean isUnique) {
}
