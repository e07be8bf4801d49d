package org.opencrm.security;

import java.net.URI;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/** Builds the RS256 decoders that check signatures against auth-service's keys and claims with the validator. */
final class CrmJwtDecoders {

    private CrmJwtDecoders() {
    }

    /** Keys fetched from the JWK set at the first token (and again for an unknown key id), not at start-up. */
    static JwtDecoder fromJwkSetUri(URI jwksUri, OAuth2TokenValidator<Jwt> validator) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(2));
        requestFactory.setReadTimeout(Duration.ofSeconds(5));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri.toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(new RestTemplate(requestFactory))
                .build();
        return new KeyFailureTranslatingDecoder(VerifiedTokenCache.of(decoder, validator));
    }

    /** Keys from a source in this process: auth-service verifies with its own signing key. */
    static JwtDecoder fromJwkSource(JWKSource<SecurityContext> keys, OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        return new KeyFailureTranslatingDecoder(VerifiedTokenCache.of(decoder, validator));
    }

    /**
     * Remembers the tokens whose signature checked out, so a client sending the same token again (every request
     * of a session, every call of an integration) costs a map lookup instead of parsing and an RSA verification,
     * which the data benchmark showed among the costliest steps of a GET. The claims are validated on every use
     * all the same (expiry, issuer, an API key's revocation), so a cached token stops working the moment it
     * expires or is revoked. Only verified tokens are kept; a refused one is checked again each time.
     */
    record VerifiedTokenCache(NimbusJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator,
            Cache<String, Jwt> verified) implements JwtDecoder {

        static final int MAX_TOKENS = 10_000;
        static final Duration KEPT = Duration.ofMinutes(5);

        static VerifiedTokenCache of(NimbusJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator) {
            verifier.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
            return new VerifiedTokenCache(verifier, validator,
                    Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(KEPT).build());
        }

        @Override
        public Jwt decode(String token) {
            Jwt jwt = verified.get(token, verifier::decode);
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (result.hasErrors()) {
                String description = result.getErrors().iterator().next().getDescription();
                throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                        + description, result.getErrors());
            }
            return jwt;
        }
    }

    /**
     * The one place deciding which failures mean "cannot check now" rather than "bad token". Nimbus reports an
     * unreachable JWK set as a plain {@link JwtException}, which Spring Security turns into a 500, and an unknown
     * revocation status would escape as an unhandled exception; as {@link BadJwtException}s that Spring Security
     * hands to the entry point with their cause, they are answered 503 instead.
     */
    private record KeyFailureTranslatingDecoder(JwtDecoder delegate) implements JwtDecoder {
        @Override
        public Jwt decode(String token) {
            try {
                return delegate.decode(token);
            } catch (BadJwtException e) {
                throw e;
            } catch (JwtException e) {
                throw new SigningKeysUnavailableException(e);
            } catch (RevokedApiKeys.RevocationStatusUnknownException e) {
                throw new RevocationStatusUnavailableException(e);
            }
        }
    }

    /** The revoked API keys have never been loaded, so no API key can be checked now. */
    static final class RevocationStatusUnavailableException extends BadJwtException {
        RevocationStatusUnavailableException(RevokedApiKeys.RevocationStatusUnknownException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The signing keys could not be fetched, so no token can be checked now. */
    static final class SigningKeysUnavailableException extends BadJwtException {
        SigningKeysUnavailableException(JwtException cause) {
            super("The token could not be verified: auth-service's signing keys are unavailable", cause);
        }
    }
}
