package org.opencrm.metadata.migration;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /rest/metadata/migrations}: the outcome of a requested schema change. */
@RestController
@RequestMapping("/rest/metadata/migrations")
class MigrationController {

    static final int MAX_WAIT_SECONDS = 30;

    private final MigrationLog log;
    private final MigrationWaits waits;

    MigrationController(MigrationLog log, MigrationWaits waits) {
        this.log = log;
        this.waits = waits;
    }

    /**
     * The migration; with {@code waitSeconds} (1 to {@value #MAX_WAIT_SECONDS}), answered once it is APPLIED or
     * FAILED, or as it is when the wait runs out, so a client need not ask again and again.
     */
    @GetMapping("/{id}")
    Map<String, Object> migration(@PathVariable UUID id, @RequestParam(required = false) String waitSeconds)
            throws InterruptedException {
        CrmPrincipal caller = CrmPrincipal.current();
        Duration wait = wait(waitSeconds);
        MigrationView migration = waits.await(() -> log.findVisible(id, caller.workspaceId(), caller.userId()), wait)
                .orElseThrow(() -> new NotFoundException("migration", id));
        return Map.of("data", Map.of("migration", migration));
    }

    private static Duration wait(String waitSeconds) {
        if (waitSeconds == null) {
            return Duration.ZERO;
        }
        try {
            int seconds = Integer.parseInt(waitSeconds);
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // the answer below
        }
        throw new InvalidInputException("waitSeconds", "range",
                "waitSeconds must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS);
    }
}
