package org.opencrm.auth.session;

/** The request bodies of the session endpoints; fields are strings so each bad value gets its own violation. */
final class SessionRequests {

    private SessionRequests() {
    }

    record SignUp(String email, String password) {
    }

    record Login(String email, String password, String workspaceId) {
    }

    record WorkspaceExchange(String workspaceId) {
    }

    record Refresh(String refreshToken) {
    }
}
