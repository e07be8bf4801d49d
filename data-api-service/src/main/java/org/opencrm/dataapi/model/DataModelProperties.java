package org.opencrm.dataapi.model;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data model of a workspace comes from and how long it is kept.
 *
 * @param metadataUrl       metadata-service, asked {@code GET /rest/metadata/objects} with the caller's token
 * @param requestTimeout    how long a call to metadata-service may take before the request fails with 503
 * @param expireAfterWrite  a safety net for a lost schema-applied event: a model is reloaded at least this often
 * @param maximumWorkspaces how many workspaces' models are kept at once
 * @param minReloadInterval the least time between two forced reloads of one workspace's model (for a name the
 *                          cached model does not know): bounds what unknown names in requests cost metadata-service
 */
@ConfigurationProperties("crm.dataapi.model")
public record DataModelProperties(
        @DefaultValue("http://localhost:8082") URI metadataUrl,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("10m") Duration expireAfterWrite,
        @DefaultValue("10000") long maximumWorkspaces,
        @DefaultValue("1s") Duration minReloadInterval) {
}
