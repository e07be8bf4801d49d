package org.opencrm.metadata.reconcile;

import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /rest/metadata/workspaces/{id}/reconcile}: compare (and optionally repair) the caller's workspace. */
@RestController
class ReconcileController {

    private final WorkspaceReconcile reconcile;

    ReconcileController(WorkspaceReconcile reconcile) {
        this.reconcile = reconcile;
    }

    @PostMapping("/rest/metadata/workspaces/{id}/reconcile")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> reconcile(@PathVariable UUID id, @RequestBody(required = false) ReconcileRequest request) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        if (!workspaceId.equals(id)) {
            throw new NotFoundException("workspace", id);
        }
        boolean repair = request != null && Boolean.TRUE.equals(request.repair());
        return Map.of("data", Map.of("reconcileWorkspace", Map.of("migration", reconcile.reconcile(id, repair))));
    }
}
