package org.opencrm.security;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a token {@link CrmTokenValidator} accepted into the request's {@link CrmAuthentication}. */
final class CrmAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new CrmAuthentication(CrmPrincipal.of(jwt), jwt);
    }

    /** An authenticated request; the principal is the {@link CrmPrincipal}, the credentials the verified token. */
    static final class CrmAuthentication extends AbstractAuthenticationToken {

        private final CrmPrincipal principal;
        private final Jwt token;

        CrmAuthentication(CrmPrincipal principal, Jwt token) {
            super(List.of(new TokenTypeAuthority(principal.type())));
            this.principal = principal;
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public CrmPrincipal getPrincipal() {
            return principal;
        }

        @Override
        public Jwt getCredentials() {
            return token;
        }

        @Override
        public String getName() {
            return principal.userId() != null ? principal.userId().toString() : "api-key:" + principal.apiKeyId();
        }
    }

    /** Lets {@code hasAuthority("TOKEN_API_KEY")} rules tell API keys from users. */
    record TokenTypeAuthority(TokenType type) implements org.springframework.security.core.GrantedAuthority {
        @Override
        public String getAuthority() {
            return "TOKEN_" + type.name();
        }
    }
}
