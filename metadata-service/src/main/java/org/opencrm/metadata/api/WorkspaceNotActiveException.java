package org.opencrm.metadata.api;

import java.util.UUID;

/** The workspace cannot take schema changes in its current state; answered 409. */
public class WorkspaceNotActiveException extends RuntimeException {

    public WorkspaceNotActiveException(UUID workspaceId, String activationStatus) {
        super("workspace " + workspaceId + " is " + activationStatus + ", not ACTIVE");
    }
}
