package org.opencrm.security;

import java.util.Set;
import java.util.UUID;

/**
 * Where {@link RevokedApiKeys} loads the ids of the API keys revoked so far. By default auth-service's
 * {@code GET /auth/api-keys/revoked}; auth-service itself declares a bean reading its own table.
 */
@FunctionalInterface
public interface RevokedApiKeyLoader {

    /**
     * @throws RuntimeException when the list cannot be read now; the caller retries later
     */
    Set<UUID> loadRevokedApiKeyIds();
}
