package org.opencrm.dataapi.model;

import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The data models of the workspaces recently served, loaded on first use with the caller's token and dropped when
 * migration-worker reports a schema change of the workspace.
 */
public class WorkspaceDataModels {

    private final Cache<UUID, WorkspaceDataModel> models;
    private final MetadataClient metadata;

    WorkspaceDataModels(MetadataClient metadata, DataModelProperties properties) {
        this.metadata = metadata;
        this.models = Caffeine.newBuilder()
                .expireAfterWrite(properties.expireAfterWrite())
                .maximumSize(properties.maximumWorkspaces())
                .build();
    }

    /**
     * The workspace's model as cached, loaded if absent.
     *
     * @param authorization the caller's {@code Authorization} header, a token of this workspace
     * @throws MetadataUnavailableException when it is absent and metadata-service does not answer
     */
    public WorkspaceDataModel current(UUID workspaceId, String authorization) {
        return models.get(workspaceId, id -> metadata.load(id, authorization));
    }

    /**
     * Loads the workspace's model afresh: for a name the cached model does not know, which may be a change applied
     * before its event reached this instance.
     */
    public WorkspaceDataModel reload(UUID workspaceId, String authorization) {
        WorkspaceDataModel model = metadata.load(workspaceId, authorization);
        models.put(workspaceId, model);
        return model;
    }

    void invalidate(UUID workspaceId) {
        models.invalidate(workspaceId);
    }
}
