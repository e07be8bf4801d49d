package org.opencrm.auth.token;

import java.time.Instant;

/** A signed token as the client receives it. */
public record IssuedToken(String token, Instant expiresAt) {
}
