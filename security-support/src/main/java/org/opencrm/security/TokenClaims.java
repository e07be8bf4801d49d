package org.opencrm.security;

/** The names and fixed values of the platform's JWT claims, shared by the issuer and the verifiers. */
public final class TokenClaims {

    /** The {@code iss} of every platform token. */
    public static final String ISSUER = "opencrm";

    /** The claim holding the {@link TokenType}. */
    public static final String TYPE = "type";

    /** The claim holding the workspace id of workspace-scoped tokens. */
    public static final String WORKSPACE_ID = "workspaceId";

    private TokenClaims() {
    }
}
