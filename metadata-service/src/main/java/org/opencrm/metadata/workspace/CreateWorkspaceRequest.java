package org.opencrm.metadata.workspace;

/** The body of {@code POST /rest/metadata/workspaces}. */
record CreateWorkspaceRequest(String displayName) {
}
