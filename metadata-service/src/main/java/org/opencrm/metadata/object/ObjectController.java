package org.opencrm.metadata.object;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** {@code /rest/metadata/objects}: the data model of the caller's workspace. */
@RestController
@RequestMapping("/rest/metadata/objects")
class ObjectController {

    private final ObjectCatalog catalog;
    private final ObjectCreation creation;
    private final ObjectUpdate update;
    private final ObjectDeletion deletion;

    ObjectController(ObjectCatalog catalog, ObjectCreation creation, ObjectUpdate update, ObjectDeletion deletion) {
        this.catalog = catalog;
        this.creation = creation;
        this.update = update;
        this.deletion = deletion;
    }

    @GetMapping
    Map<String, Object> objects() {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        List<ObjectView> objects = catalog.all(workspaceId);
        return Map.of("data", Map.of("objects", objects), "totalCount", objects.size());
    }

    @GetMapping("/{id}")
    Map<String, Object> object(@PathVariable UUID id) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        ObjectView object = catalog.find(workspaceId, id).orElseThrow(() -> new NotFoundException("object", id));
        return Map.of("data", Map.of("object", object));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody CreateObjectRequest request) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("createOneObject", creation.create(workspaceId, request)));
    }

    @PatchMapping("/{id}")
    Map<String, Object> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("updateOneObject", update.update(workspaceId, id, body)));
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(@PathVariable UUID id) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("deleteOneObject", deletion.delete(workspaceId, id)));
    }
}
