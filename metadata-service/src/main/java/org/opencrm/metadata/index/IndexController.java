package org.opencrm.metadata.index;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/metadata/indexes}: the indexes created on the caller's workspace's objects. */
@RestController
@RequestMapping("/rest/metadata/indexes")
class IndexController {

    private final IndexCatalog catalog;
    private final IndexChanges changes;

    IndexController(IndexCatalog catalog, IndexChanges changes) {
        this.catalog = catalog;
        this.changes = changes;
    }

    @GetMapping
    Map<String, Object> indexes() {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        List<IndexView> indexes = catalog.all(workspaceId);
        return Map.of("data", Map.of("indexes", indexes), "totalCount", indexes.size());
    }

    @GetMapping("/{id}")
    Map<String, Object> index(@PathVariable UUID id) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        IndexView index = catalog.find(workspaceId, id).orElseThrow(() -> new NotFoundException("index", id));
        return Map.of("data", Map.of("index", index));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody CreateIndexRequest request) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("createOneIndex", changes.create(workspaceId, request)));
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(@PathVariable UUID id) {
        UUID workspaceId = CrmPrincipal.current().requireWorkspace();
        return Map.of("data", Map.of("deleteOneIndex", changes.delete(workspaceId, id)));
    }
}
