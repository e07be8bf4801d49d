package org.opencrm.dataapi.model;

import java.util.UUID;

/** Where a workspace's data model is loaded from: metadata-service, or a fake in tests. */
interface DataModelSource {

    /**
     * @param authorization the caller's {@code Authorization} header, a token of this workspace
     * @throws MetadataUnavailableException when the model cannot be had
     */
    WorkspaceDataModel load(UUID workspaceId, String authorization);
}
