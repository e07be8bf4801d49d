package org.opencrm.auth.session;

import java.util.UUID;

import org.opencrm.auth.web.Violations;

/** Reads a {@code workspaceId} field, recording a violation when it is not a UUID. */
final class WorkspaceIds {

    private WorkspaceIds() {
    }

    static UUID parse(String workspaceId, Violations violations) {
        try {
            return UUID.fromString(workspaceId);
        } catch (IllegalArgumentException e) {
            violations.add("workspaceId", "uuid", "workspaceId must be a UUID");
            return null;
        }
    }
}
