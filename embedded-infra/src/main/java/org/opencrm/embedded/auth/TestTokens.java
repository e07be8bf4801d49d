package org.opencrm.embedded.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Platform tokens as auth-service issues them (docs/contracts.md, "Tokens"), signed with an RSA key generated for
 * the test: RS256, key id in the header, issuer {@code opencrm}, a random {@code jti}, valid for 30 minutes.
 */
public final class TestTokens {

    private static final String ISSUER = "opencrm";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final RSAKey key;

    private TestTokens(RSAKey key) {
        this.key = key;
    }

    /** A new 2048-bit key pair with a random key id. */
    public static TestTokens generate() {
        try {
            return new TestTokens(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
    }

    /** The public key as a JWK set, as served at {@code /auth/.well-known/jwks.json}. */
    public String jwkSetJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A user's workspace-agnostic access token, as right after sign-up. */
    public String userToken(UUID userId) {
        return sign(claims(userId.toString(), "ACCESS"));
    }

    /** A user's access token scoped to a workspace. */
    public String workspaceToken(UUID userId, UUID workspaceId) {
        return sign(claims(userId.toString(), "ACCESS").claim("workspaceId", workspaceId.toString()));
    }

    /** An access token of some new user, scoped to a workspace: for tests where who the user is does not matter. */
    public String workspaceToken(UUID workspaceId) {
        return workspaceToken(UUID.randomUUID(), workspaceId);
    }

    /** An API key of a workspace. */
    public String apiKey(UUID workspaceId) {
        return apiKey(UUID.randomUUID(), workspaceId);
    }

    /** An API key of a workspace with a known id, the {@code jti} a revocation names. */
    public String apiKey(UUID apiKeyId, UUID workspaceId) {
        return sign(claims(workspaceId.toString(), "API_KEY").jwtID(apiKeyId.toString())
                .claim("workspaceId", workspaceId.toString()));
    }

    private static JWTClaimsSet.Builder claims(String subject, String type) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("type", type);
    }

    private String sign(JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a test token", e);
        }
        return jwt.serialize();
    }
}
