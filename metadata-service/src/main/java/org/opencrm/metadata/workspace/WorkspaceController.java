package org.opencrm.metadata.workspace;

import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/metadata/workspaces}: creating a workspace and following its creation. */
@RestController
@RequestMapping("/rest/metadata/workspaces")
class WorkspaceController {

    private final WorkspaceProvisioning provisioning;
    private final WorkspaceDirectory directory;

    WorkspaceController(WorkspaceProvisioning provisioning, WorkspaceDirectory directory) {
        this.provisioning = provisioning;
        this.directory = directory;
    }

    /** Accepted, not created: the schema is created asynchronously and the workspace turns ACTIVE then. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> create(@RequestBody CreateWorkspaceRequest request) {
        UUID userId = CrmPrincipal.current().requireUser();
        return Map.of("data", Map.of("createWorkspace", provisioning.create(userId, request)));
    }

    @GetMapping("/{id}")
    Map<String, Object> workspace(@PathVariable UUID id) {
        CrmPrincipal caller = CrmPrincipal.current();
        WorkspaceView workspace = directory.findVisible(id, caller.workspaceId(), caller.userId())
                .orElseThrow(() -> new NotFoundException("workspace", id));
        return Map.of("data", Map.of("workspace", workspace));
    }
}
