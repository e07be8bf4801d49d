package org.opencrm.metadata.field;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/metadata/fields} of the caller's workspace. */
@RestController
@RequestMapping("/rest/metadata/fields")
class FieldController {

    private final FieldCatalog catalog;
    private final FieldCreation creation;

    FieldController(FieldCatalog catalog, FieldCreation creation) {
        this.catalog = catalog;
        this.creation = creation;
    }

    @GetMapping
    Map<String, Object> fields(@RequestParam(required = false) UUID objectMetadataId) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        List<FieldView> fields = objectMetadataId == null
                ? catalog.all(workspaceId)
                : catalog.ofObject(workspaceId, objectMetadataId);
        return Map.of("data", Map.of("fields", fields), "totalCount", fields.size());
    }

    @GetMapping("/{id}")
    Map<String, Object> field(@PathVariable UUID id) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        FieldView field = catalog.find(workspaceId, id).orElseThrow(() -> new NotFoundException("field", id));
        return Map.of("data", Map.of("field", field));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody CreateFieldRequest request) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("createOneField", creation.create(workspaceId, request)));
    }
}
