package org.opencrm.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.opencrm.auth.signing.SigningKeyConfiguration.SigningKey;
import org.opencrm.security.TokenClaims;
import org.opencrm.security.TokenType;
import org.springframework.stereotype.Component;

/** Signs the platform's tokens with the claims of docs/contracts.md: RS256, kid in the header, issuer opencrm. */
@Component
public class TokenSigner {

    private final JWSSigner signer;
    private final String keyId;
    private final Clock clock;

    TokenSigner(SigningKey signingKey, Clock clock) {
        try {
            this.signer = new RSASSASigner(signingKey.rsaKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign", e);
        }
        this.keyId = signingKey.rsaKey().getKeyID();
        this.clock = clock;
    }

    /** A user's access token, scoped to {@code workspaceId} unless it is null. */
    public IssuedToken accessToken(UUID userId, UUID workspaceId, Instant expiresAt) {
        return sign(userId, workspaceId, TokenType.ACCESS, UUID.randomUUID(), expiresAt);
    }

    /** A refresh token whose jti is its row in {@code core."refreshToken"}. */
    public IssuedToken refreshToken(UUID refreshTokenId, UUID userId, UUID workspaceId, Instant expiresAt) {
        return sign(userId, workspaceId, TokenType.REFRESH, refreshTokenId, expiresAt);
    }

    /** An API key: the workspace is both its subject and its scope. */
    public IssuedToken apiKey(UUID apiKeyId, UUID workspaceId, Instant expiresAt) {
        return sign(workspaceId, workspaceId, TokenType.API_KEY, apiKeyId, expiresAt);
    }

    private IssuedToken sign(UUID subject, UUID workspaceId, TokenType type, UUID tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .subject(subject.toString())
                .jwtID(tokenId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .claim(TokenClaims.TYPE, type.name());
        if (workspaceId != null) {
            claims.claim(TokenClaims.WORKSPACE_ID, workspaceId.toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keyId)
                .type(JOSEObjectType.JWT)
                .build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a " + type + " token failed", e);
        }
        // The JWT holds seconds; the client sees the exact instant the token stops being accepted.
        return new IssuedToken(jwt.serialize(), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }
}
