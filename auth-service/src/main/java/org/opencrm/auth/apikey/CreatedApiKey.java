package org.opencrm.auth.apikey;

import java.time.Instant;
import java.util.UUID;

/** A key just created, with its token: the only time the token is shown. */
record CreatedApiKey(UUID id, String name, Instant expiresAt, Instant revokedAt, String token) {
}
