package org.opencrm.auth.apikey;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.auth.membership.Memberships;
import org.opencrm.auth.web.InvalidRequestException;
import org.opencrm.auth.web.Problems;
import org.opencrm.auth.web.Violation;
import org.opencrm.auth.web.Violations;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /auth/api-keys}: a workspace's admins (a user's workspace-scoped token, role {@code ADMIN} in
 * {@code core."userWorkspace"}) manage its keys; the revoked list is public so every service can load it at start-up.
 */
@RestController
class ApiKeyController {

    static final int MAX_NAME_LENGTH = 100;

    private final ApiKeys apiKeys;
    private final Memberships memberships;
    private final Clock clock;

    ApiKeyController(ApiKeys apiKeys, Memberships memberships, Clock clock) {
        this.apiKeys = apiKeys;
        this.memberships = memberships;
        this.clock = clock;
    }

    record CreateApiKey(String name, String expiresAt) {
    }

    @PostMapping("/auth/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Map<String, CreatedApiKey>> create(@RequestBody CreateApiKey request) {
        CrmPrincipal caller = CrmPrincipal.current();
        UUID userId = caller.requireUser();
        UUID workspaceId = caller.requireWorkspace();
        requireAdmin(userId, workspaceId);
        Violations violations = new Violations();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            violations.add("name", "required", "name is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            violations.add("name", "max-length", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        Instant expiresAt = expiresAt(request.expiresAt(), violations);
        violations.throwIfAny();
        return Map.of("data", Map.of("createApiKey", apiKeys.create(workspaceId, userId, name, expiresAt)));
    }

    @GetMapping("/auth/api-keys")
    Map<String, Map<String, List<ApiKey>>> list() {
        CrmPrincipal caller = CrmPrincipal.current();
        UUID workspaceId = caller.requireWorkspace();
        requireAdmin(caller.requireUser(), workspaceId);
        return Map.of("data", Map.of("apiKeys", apiKeys.list(workspaceId)));
    }

    @DeleteMapping("/auth/api-keys/{id}")
    Map<String, Map<String, ApiKey>> revoke(@PathVariable("id") String id) {
        CrmPrincipal caller = CrmPrincipal.current();
        UUID userId = caller.requireUser();
        UUID workspaceId = caller.requireWorkspace();
        requireAdmin(userId, workspaceId);
        return Map.of("data", Map.of("revokeApiKey", apiKeys.revoke(workspaceId, apiKeyId(id))));
    }

    @GetMapping("/auth/api-keys/revoked")
    Map<String, List<UUID>> revoked() {
        return Map.of("revokedApiKeyIds", List.copyOf(apiKeys.loadRevokedApiKeyIds()));
    }

    /** The role is read now, not taken from the token, so a demoted admin loses the right at once. */
    private void requireAdmin(UUID userId, UUID workspaceId) {
        if (!memberships.isAdmin(userId, workspaceId)) {
            throw Problems.problem(HttpStatus.FORBIDDEN, "admin-required", "Admin required",
                    "Managing API keys needs the ADMIN role in workspace " + workspaceId);
        }
    }

    private static UUID apiKeyId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new Violation("id", "uuid", "id must be a UUID")));
        }
    }

    private Instant expiresAt(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add("expiresAt", "required", "expiresAt is required");
            return null;
        }
        Instant expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            violations.add("expiresAt", "iso-8601",
                    "expiresAt must be an ISO-8601 date-time with offset, e.g. 2030-01-31T00:00:00Z");
            return null;
        }
        if (!expiresAt.isAfter(clock.instant())) {
            violations.add("expiresAt", "future", "expiresAt must be in the future");
        }
        return expiresAt;
    }
}
