package org.opencrm.dataapi.openapi;

import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.opencrm.dataapi.record.RecordCaller;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/** {@code GET /rest/open-api/core}: the OpenAPI 3.1 document of the caller's workspace, from its cached data model. */
@RestController
class OpenApiController {

    private final WorkspaceDataModels models;

    OpenApiController(WorkspaceDataModels models) {
        this.models = models;
    }

    @GetMapping(path = "/rest/open-api/core", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode core(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordCaller caller = RecordCaller.of(CrmPrincipal.current(), authorization);
        return OpenApiDocument.of(models.current(caller.workspaceId(), caller.authorization()));
    }
}
