package org.opencrm.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Ignores the bearer token on public paths. The bearer token filter authenticates every {@code Authorization: Bearer}
 * header, permitAll or not, and answers 401 when the token fails (spring-security#6067), so a client refreshing or
 * logging in with its expired access token still attached would be locked out of the very calls that fix it.
 */
final class PublicPathBearerTokenResolver implements BearerTokenResolver {

    private final RequestMatcher publicPaths;
    private final BearerTokenResolver delegate = new DefaultBearerTokenResolver();

    PublicPathBearerTokenResolver(RequestMatcher publicPaths) {
        this.publicPaths = publicPaths;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return publicPaths.matches(request) ? null : delegate.resolve(request);
    }
}
