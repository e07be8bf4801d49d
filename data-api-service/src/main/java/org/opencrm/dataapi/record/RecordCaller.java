package org.opencrm.dataapi.record;

import java.util.UUID;

import org.opencrm.security.CrmPrincipal;
import org.opencrm.security.TokenType;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who calls the records API, whichever protocol the call came by.
 *
 * @param workspaceId   the workspace of the caller's token: the only schema the call can reach
 * @param authorization the caller's {@code Authorization} header, forwarded to metadata-service
 * @param apiKey        whether the token is an API key (writes are then made by source {@code API})
 */
public record RecordCaller(UUID workspaceId, String authorization, boolean apiKey) {

    /** @throws org.opencrm.security.WorkspaceTokenRequiredException for a workspace-agnostic token */
    public static RecordCaller of(CrmPrincipal principal, String authorization) {
        return new RecordCaller(principal.requireWorkspace(), authorization, principal.type() == TokenType.API_KEY);
    }

    /**
     * The ACTOR value of the records this caller writes. The workspace member behind a user's token is not known
     * to this service, so it stays null.
     */
    ObjectNode actor() {
        ObjectNode actor = JsonNodeFactory.instance.objectNode();
        actor.put("source", apiKey ? "API" : "MANUAL");
        actor.putNull("workspaceMemberId");
        actor.put("name", apiKey ? "API key" : "User");
        actor.putObject("context");
        return actor;
    }
}
