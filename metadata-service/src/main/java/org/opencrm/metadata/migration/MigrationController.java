package org.opencrm.metadata.migration;

import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/metadata/migrations}: the outcome of a requested schema change. */
@RestController
@RequestMapping("/rest/metadata/migrations")
class MigrationController {

    private final MigrationLog log;

    MigrationController(MigrationLog log) {
        this.log = log;
    }

    @GetMapping("/{id}")
    Map<String, Object> migration(@PathVariable UUID id) {
        CrmPrincipal caller = CrmPrincipal.current();
        MigrationView migration = log.findVisible(id, caller.workspaceId(), caller.userId())
                .orElseThrow(() -> new NotFoundException("migration", id));
        return Map.of("data", Map.of("migration", migration));
    }
}
