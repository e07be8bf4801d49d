package org.opencrm.auth.user;

import java.util.UUID;

/** An account; {@code passwordHash} is in Spring Security's {@code {id}hash} format. */
public record User(UUID id, String email, String passwordHash) {
}
