package org.opencrm.metadata.object;

import java.util.List;
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

/** {@code /rest/metadata/objects}: the data model of the caller's workspace. */
@RestController
@RequestMapping("/rest/metadata/objects")
class ObjectController {

    private final ObjectCatalog catalog;
    private final ObjectCreation creation;

    ObjectController(ObjectCatalog catalog, ObjectCreation creation) {
        this.catalog = catalog;
        this.creation = creation;
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
}
