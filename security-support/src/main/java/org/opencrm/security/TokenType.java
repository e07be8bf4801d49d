package org.opencrm.security;

/** The kinds of JWT auth-service issues, carried in the {@code type} claim. */
public enum TokenType {
    /** A user's short-lived token, workspace-agnostic or scoped to one workspace. */
    ACCESS,
    /** A user's long-lived token that only buys a new pair at {@code /auth/token/refresh}. */
    REFRESH,
    /** A workspace's API key; its subject is the workspace. */
    API_KEY
}
