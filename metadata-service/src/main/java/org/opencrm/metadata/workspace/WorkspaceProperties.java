package org.opencrm.metadata.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where new workspaces are placed.
 *
 * @param defaultCluster the PostgreSQL cluster recorded in {@code core."dataSource"} for every new workspace
 *     (one cluster for now; more are added without moving existing workspaces)
 */
@ConfigurationProperties("crm.metadata.workspace")
public record WorkspaceProperties(@DefaultValue("default") String defaultCluster) {
}
