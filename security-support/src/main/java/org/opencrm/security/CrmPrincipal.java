package org.opencrm.security;

import java.util.UUID;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller of a request, taken from its verified token.
 *
 * @param userId      the user, null for API keys
 * @param workspaceId the workspace the token is scoped to, null for workspace-agnostic tokens
 * @param type        {@link TokenType#ACCESS} or {@link TokenType#API_KEY}
 * @param apiKeyId    the API key, null for user tokens
 */
public record CrmPrincipal(UUID userId, UUID workspaceId, TokenType type, UUID apiKeyId) {

    /**
     * The principal of the current request.
     *
     * @throws AuthenticationCredentialsNotFoundException when the request was not authenticated with a platform
     *                                                    token (Spring Security answers it with 401)
     */
    public static CrmPrincipal current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CrmPrincipal principal) {
            return principal;
        }
        throw new AuthenticationCredentialsNotFoundException("The request carries no platform token");
    }

    /**
     * The principal of a token the platform's {@code JwtDecoder} accepted, for callers outside the servlet filter chain
     * (a gRPC interceptor, say).
     *
     * @throws IllegalArgumentException for a token the decoder would not have accepted
     */
    public static CrmPrincipal of(Jwt jwt) {
        TokenType type = CrmTokenValidator.tokenType(jwt);
        if (type == null || type == TokenType.REFRESH) {
            throw new IllegalArgumentException(
                    "Not an access token or API key: type " + jwt.getClaimAsString(TokenClaims.TYPE));
        }
        UUID workspaceId = CrmTokenValidator.uuid(jwt.getClaimAsString(TokenClaims.WORKSPACE_ID));
        return type == TokenType.API_KEY
                ? new CrmPrincipal(null, workspaceId, type, CrmTokenValidator.uuid(jwt.getId()))
                : new CrmPrincipal(CrmTokenValidator.uuid(jwt.getSubject()), workspaceId, type, null);
    }

    /**
     * The workspace this token acts in.
     *
     * @throws WorkspaceTokenRequiredException when the token is workspace-agnostic
     */
    public UUID requireWorkspace() {
        if (workspaceId == null) {
            throw new WorkspaceTokenRequiredException();
        }
        return workspaceId;
    }

    /**
     * The user behind this token.
     *
     * @throws UserTokenRequiredException when the token is an API key
     */
    public UUID requireUser() {
        if (userId == null) {
            throw new UserTokenRequiredException();
        }
        return userId;
    }
}
