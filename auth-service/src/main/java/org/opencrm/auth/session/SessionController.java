package org.opencrm.auth.session;

import java.util.UUID;

import org.opencrm.auth.session.SessionRequests.Login;
import org.opencrm.auth.session.SessionRequests.Refresh;
import org.opencrm.auth.session.SessionRequests.SignUp;
import org.opencrm.auth.session.SessionRequests.WorkspaceExchange;
import org.opencrm.auth.web.Violations;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth/sign-up}, {@code /auth/login}, {@code /auth/token/workspace}, {@code /auth/token/refresh}. */
@RestController
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/auth/sign-up")
    @ResponseStatus(HttpStatus.CREATED)
    SessionResponse signUp(@RequestBody SignUp request) {
        Violations violations = new Violations();
        Credentials.checkEmail(request.email(), violations);
        Credentials.checkNewPassword(request.password(), violations);
        violations.throwIfAny();
        return sessions.signUp(request.email(), request.password());
    }

    @PostMapping("/auth/login")
    SessionResponse login(@RequestBody Login request) {
        Violations violations = new Violations();
        if (request.email() == null || request.email().isBlank()) {
            violations.add("email", "required", "email is required");
        }
        if (request.password() == null || request.password().isEmpty()) {
            violations.add("password", "required", "password is required");
        }
        UUID workspaceId = request.workspaceId() == null ? null
                : WorkspaceIds.parse(request.workspaceId(), violations);
        violations.throwIfAny();
        return sessions.login(request.email(), request.password(), workspaceId);
    }

    @PostMapping("/auth/token/workspace")
    SessionResponse exchangeForWorkspace(@RequestBody WorkspaceExchange request) {
        UUID userId = CrmPrincipal.current().requireUser();
        Violations violations = new Violations();
        if (request.workspaceId() == null) {
            violations.add("workspaceId", "required", "workspaceId is required");
        }
        UUID workspaceId = request.workspaceId() == null ? null : WorkspaceIds.parse(request.workspaceId(), violations);
        violations.throwIfAny();
        return sessions.exchangeForWorkspace(userId, workspaceId);
    }

    @PostMapping("/auth/token/refresh")
    SessionResponse refresh(@RequestBody Refresh request) {
        Violations violations = new Violations();
        if (request.refreshToken() == null || request.refreshToken().isBlank()) {
            violations.add("refreshToken", "required", "refreshToken is required");
        }
        violations.throwIfAny();
        return sessions.refresh(request.refreshToken());
    }
}
