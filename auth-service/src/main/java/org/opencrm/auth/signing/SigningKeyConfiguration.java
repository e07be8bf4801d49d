package org.opencrm.auth.signing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key that signs tokens, and its public half as the JWK set. security-support picks up the
 * {@code JWKSource} bean, so this service verifies tokens against its own key in memory instead of fetching its own
 * {@code /auth/.well-known/jwks.json} over HTTP (which would need to know its own, possibly random, port).
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {

    @Bean
    SigningKey signingKey(SigningKeyStore store) {
        return new SigningKey(store.currentOrGenerate());
    }

    @Bean
    JWKSource<SecurityContext> localJwkSource(SigningKey signingKey) {
        return new ImmutableJWKSet<>(signingKey.publicKeys());
    }

    /** The private key pair tokens are signed with; its public half is {@link #publicKeys()}. */
    public record SigningKey(RSAKey rsaKey) {

        public JWKSet publicKeys() {
            return new JWKSet(rsaKey.toPublicJWK());
        }
    }
}
