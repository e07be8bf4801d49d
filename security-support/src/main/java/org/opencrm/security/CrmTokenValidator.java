package org.opencrm.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts the platform's access tokens and unrevoked API keys: issuer {@code opencrm}, within its lifetime, type
 * {@code ACCESS} or {@code API_KEY}, with the ids the type needs. Each rejection's description becomes the
 * {@code detail} of the 401 problem, so it says what is wrong in words a client developer understands.
 */
final class CrmTokenValidator implements OAuth2TokenValidator<Jwt> {

    private final Clock clock;
    private final Duration clockSkew;
    private final RevokedApiKeys revokedApiKeys;

    CrmTokenValidator(Clock clock, Duration clockSkew, RevokedApiKeys revokedApiKeys) {
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.revokedApiKeys = revokedApiKeys;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        return rejection(jwt)
                .map(description -> OAuth2TokenValidatorResult.failure(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null)))
                .orElse(OAuth2TokenValidatorResult.success());
    }

    private Optional<String> rejection(Jwt jwt) {
        if (!TokenClaims.ISSUER.equals(jwt.getClaimAsString("iss"))) {
            return Optional.of("The token was not issued by " + TokenClaims.ISSUER);
        }
        Instant now = clock.instant();
        if (jwt.getExpiresAt() == null) {
            return Optional.of("The token has no expiry");
        }
        if (now.isAfter(jwt.getExpiresAt().plus(clockSkew))) {
            return Optional.of("The token expired at " + jwt.getExpiresAt());
        }
        if (jwt.getNotBefore() != null && now.isBefore(jwt.getNotBefore().minus(clockSkew))) {
            return Optional.of("The token is not valid before " + jwt.getNotBefore());
        }
        TokenType type = tokenType(jwt);
        if (type == null) {
            return Optional.of("The token has no valid " + TokenClaims.TYPE + " claim");
        }
        return switch (type) {
            case REFRESH -> Optional.of("A refresh token is only accepted by POST /auth/token/refresh");
            case ACCESS -> rejectAccessToken(jwt);
            case API_KEY -> rejectApiKey(jwt);
        };
    }

    private static Optional<String> rejectAccessToken(Jwt jwt) {
        if (uuid(jwt.getSubject()) == null) {
            return Optional.of("The access token's sub is not a user id");
        }
        String workspaceId = jwt.getClaimAsString(TokenClaims.WORKSPACE_ID);
        if (workspaceId != null && uuid(workspaceId) == null) {
            return Optional.of("The access token's " + TokenClaims.WORKSPACE_ID + " is not a workspace id");
        }
        return Optional.empty();
    }

    private Optional<String> rejectApiKey(Jwt jwt) {
        UUID workspaceId = uuid(jwt.getClaimAsString(TokenClaims.WORKSPACE_ID));
        if (workspaceId == null || !workspaceId.equals(uuid(jwt.getSubject()))) {
            return Optional.of("The API key's sub and " + TokenClaims.WORKSPACE_ID + " must be its workspace id");
        }
        UUID apiKeyId = uuid(jwt.getId());
        if (apiKeyId == null) {
            return Optional.of("The API key's jti is not an API key id");
        }
        // An unknown status (RevocationStatusUnknownException) is not the token's fault: it propagates, to be
        // answered 503 rather than 401.
        return revokedApiKeys.isRevoked(apiKeyId)
                ? Optional.of("The API key " + apiKeyId + " has been revoked")
                : Optional.empty();
    }

    static TokenType tokenType(Jwt jwt) {
        String type = jwt.getClaimAsString(TokenClaims.TYPE);
        if (type == null) {
            return null;
        }
        try {
            return TokenType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
