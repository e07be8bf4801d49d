package org.opencrm.auth.apikey;

import java.time.Instant;
import java.util.UUID;

/** An API key as listed: never its token, which is shown once at creation. */
record ApiKey(UUID id, String name, Instant expiresAt, Instant revokedAt, Instant createdAt) {
}
