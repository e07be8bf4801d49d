package org.opencrm.security;

import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
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
        decoder.setJwtValidator(validator);
        return new KeyFailureTranslatingDecoder(decoder);
    }

    /** Keys from a source in this process: auth-service verifies with its own signing key. */
    static JwtDecoder fromJwkSource(JWKSource<SecurityContext> keys, OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator);
        return new KeyFailureTranslatingDecoder(decoder);
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
