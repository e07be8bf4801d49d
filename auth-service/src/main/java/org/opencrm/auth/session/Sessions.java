package org.opencrm.auth.session;

import java.util.UUID;

import org.opencrm.auth.membership.Memberships;
import org.opencrm.auth.token.UserTokens;
import org.opencrm.auth.token.UserTokens.RefreshedTokens;
import org.opencrm.auth.user.User;
import org.opencrm.auth.user.Users;
import org.opencrm.auth.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Signing up, logging in, switching workspace and refreshing: everything that hands a user a token pair. Passwords are
 * hashed and checked outside any transaction: bcrypt takes about 100 ms, and a transaction would hold a pooled
 * connection all that time.
 */
@Component
class Sessions {

    private final Users users;
    private final Memberships memberships;
    private final UserTokens userTokens;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transaction;
    // Checked against when the email is unknown, so a login takes as long whether or not the account exists.
    private final String unknownUserHash;

    Sessions(Users users, Memberships memberships, UserTokens userTokens, PasswordEncoder passwordEncoder,
            TransactionTemplate transaction) {
        this.users = users;
        this.memberships = memberships;
        this.userTokens = userTokens;
        this.passwordEncoder = passwordEncoder;
        this.transaction = transaction;
        this.unknownUserHash = passwordEncoder.encode("no account has this password");
    }

    SessionResponse signUp(String email, String password) {
        String passwordHash = passwordEncoder.encode(password);
        // The account and its first refresh token are written together, or neither is.
        return transaction.execute(status -> {
            User user = users.create(Credentials.normalizedEmail(email), passwordHash)
                    .orElseThrow(() -> Problems.problem(HttpStatus.CONFLICT, "email-taken",
                            "Email already registered",
                            "email " + Credentials.normalizedEmail(email) + " already has an account"));
            return SessionResponse.of(userTokens.issue(user.id(), null), user);
        });
    }

    /**
     * Reads run on their own, the password check holds no connection, and issuing the pair is its own transaction.
     *
     * @param workspaceId the workspace to scope the tokens to, or null
     */
    SessionResponse login(String email, String password, UUID workspaceId) {
        User user = users.findByEmail(Credentials.normalizedEmail(email)).orElse(null);
        boolean passwordMatches = !Credentials.tooLong(password)
                && passwordEncoder.matches(password, user == null ? unknownUserHash : user.passwordHash());
        if (user == null || !passwordMatches) {
            throw Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
                    "The email or password is incorrect");
        }
        if (workspaceId != null) {
            requireMember(user.id(), workspaceId);
        }
        return SessionResponse.of(userTokens.issue(user.id(), workspaceId), user);
    }

    @Transactional
    SessionResponse exchangeForWorkspace(UUID userId, UUID workspaceId) {
        requireMember(userId, workspaceId);
        User user = existing(userId);
        return SessionResponse.of(userTokens.issue(userId, workspaceId), user);
    }

    @Transactional
    SessionResponse refresh(String refreshToken) {
        RefreshedTokens refreshed = userTokens.refresh(refreshToken);
        return SessionResponse.of(refreshed.tokens(), existing(refreshed.userId()));
    }

    private void requireMember(UUID userId, UUID workspaceId) {
        if (!memberships.isMember(userId, workspaceId)) {
            throw notAMember(workspaceId);
        }
    }

    private User existing(UUID userId) {
        return users.findById(userId).orElseThrow(() -> Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                "Unauthorized", "The token's user no longer exists"));
    }

    private static ErrorResponseException notAMember(UUID workspaceId) {
        return Problems.problem(HttpStatus.NOT_FOUND, "workspace-not-found", "Workspace not found",
                "workspaceId " + workspaceId + " is not a workspace you belong to");
    }
}
