package org.opencrm.metadata.field;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** {@code /rest/metadata/fields} of the caller's workspace. */
@RestController
@RequestMapping("/rest/metadata/fields")
class FieldController {

    private final FieldCatalog catalog;
    private final FieldCreation creation;
    private final FieldUpdate update;
    private final FieldDeletion deletion;

    FieldController(FieldCatalog catalog, FieldCreation creation, FieldUpdate update, FieldDeletion deletion) {
        this.catalog = catalog;
        this.creation = creation;
        this.update = update;
        this.deletion = deletion;
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

    @PatchMapping("/{id}")
    Map<String, Object> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("updateOneField", update.update(workspaceId, id, body)));
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean cascade) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("deleteOneField", deletion.delete(workspaceId, id, cascade)));
    }
}
