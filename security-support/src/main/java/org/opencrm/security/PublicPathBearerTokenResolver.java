package org.opencrm.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Ignores the bearer token on public paths. The bearer token filter authenticates every {@code Authorization: Bearer}
 * header, permitAll or not, and answers 401 when the token fails (spring-security#6067), so a client refreshing or
 * logging in with its expired access token still attached would be locked out of the very calls that fix it.
 */
final class PublicPathBearerTokenResolver implements BearerTokenResolver {

    private static final String SCHEME = "Bearer";

    private final RequestMatcher publicPaths;

    PublicPathBearerTokenResolver(RequestMatcher publicPaths) {
        this.publicPaths = publicPaths;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return publicPaths.matches(request) ? null : fromAuthorizationHeader(request.getHeader("Authorization"));
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header, read as {@link DefaultBearerTokenResolver} reads
     * it (the scheme in any case, one space, an RFC 6750 token: {@code [A-Za-z0-9-._~+/]+=*}) but without its regular
     * expression, which the data benchmark found costly on a 900-character JWT; null for no or another scheme.
     *
     * @throws OAuth2AuthenticationException for a malformed bearer token, as the default resolver does
     */
    static String fromAuthorizationHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int start = SCHEME.length() + 1;
        if (header.length() <= start || header.charAt(SCHEME.length()) != ' ' || !isToken68(header, start)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return header.substring(start);
    }

    private static boolean isToken68(String text, int start) {
        int end = text.length();
        while (end > start && text.charAt(end - 1) == '=') {
            end--;
        }
        if (end == start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
