package org.opencrm.auth.session;

import java.util.UUID;

import org.opencrm.auth.token.TokenPair;
import org.opencrm.auth.user.User;

/** What every session endpoint answers: {@code {"tokens": {...}, "user": {"id", "email"}}}. */
record SessionResponse(TokenPair tokens, UserView user) {

    static SessionResponse of(TokenPair tokens, User user) {
        return new SessionResponse(tokens, new UserView(user.id(), user.email()));
    }

    record UserView(UUID id, String email) {
    }
}
