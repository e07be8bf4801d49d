package org.opencrm.auth.token;

/** What a user gets at sign-up, login, workspace exchange and refresh. */
public record TokenPair(IssuedToken accessToken, IssuedToken refreshToken) {
}
