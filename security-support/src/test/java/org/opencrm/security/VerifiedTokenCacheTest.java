package org.opencrm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokenCacheTest {

    @Test
    void validatesTheClaimsOfACachedTokenOnEveryUseAndNeverCachesARefusedOne() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        AtomicBoolean revoked = new AtomicBoolean();
        JwtDecoder decoder = CrmJwtDecoders.fromJwkSource(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                jwt -> revoked.get()
                        ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))
                        : OAuth2TokenValidatorResult.success());
        String token = signed(key);

        assertThat(decoder.decode(token).getSubject()).isEqualTo("user-1");
        assertThat(decoder.decode(token).getSubject()).as("from the cache").isEqualTo("user-1");
        revoked.set(true);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");

        String forged = signed(stranger);
        revoked.set(false);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).as("a refused token is checked again")
                .isInstanceOf(BadJwtException.class);
    }

    private static String signed(RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("user-1").issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
