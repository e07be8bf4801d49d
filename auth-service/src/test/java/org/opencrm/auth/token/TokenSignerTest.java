package org.opencrm.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.opencrm.auth.signing.SigningKeyConfiguration.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSignerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final RSAKey key = generateKey();
    private final TokenSigner signer = new TokenSigner(new SigningKey(key), Clock.fixed(NOW, ZoneOffset.UTC));
    private final UUID userId = UUID.randomUUID();
    private final UUID workspaceId = UUID.randomUUID();

    @Test
    void signsWithRs256AndTheKeyIdInTheHeader() throws Exception {
        SignedJWT jwt = SignedJWT.parse(signer.accessToken(userId, null, NOW.plusSeconds(1800)).token());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
    }

    @Test
    void issuesWorkspaceAgnosticAccessTokenWithoutWorkspaceClaim() throws Exception {
        IssuedToken token = signer.accessToken(userId, null, NOW.plusSeconds(1800));

        JWTClaimsSet claims = claims(token);
        assertThat(claims.getIssuer()).isEqualTo("opencrm");
        assertThat(claims.getSubject()).isEqualTo(userId.toString());
        assertThat(claims.getStringClaim("type")).isEqualTo("ACCESS");
        assertThat(claims.getClaims()).doesNotContainKey("workspaceId");
        assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(1800)));
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(1800));
    }

    @Test
    void issuesWorkspaceScopedAccessTokenWithWorkspaceClaim() throws Exception {
        JWTClaimsSet claims = claims(signer.accessToken(userId, workspaceId, NOW.plusSeconds(1800)));

        assertThat(claims.getSubject()).isEqualTo(userId.toString());
        assertThat(claims.getStringClaim("workspaceId")).isEqualTo(workspaceId.toString());
    }

    @Test
    void givesEveryAccessTokenItsOwnId() throws Exception {
        assertThat(claims(signer.accessToken(userId, null, NOW.plusSeconds(60))).getJWTID())
                .isNotEqualTo(claims(signer.accessToken(userId, null, NOW.plusSeconds(60))).getJWTID());
    }

    @Test
    void issuesRefreshTokenIdentifiedByItsRow() throws Exception {
        UUID refreshTokenId = UUID.randomUUID();

        JWTClaimsSet claims = claims(signer.refreshToken(refreshTokenId, userId, workspaceId,
                NOW.plusSeconds(86_400)));

        assertThat(claims.getStringClaim("type")).isEqualTo("REFRESH");
        assertThat(claims.getSubject()).isEqualTo(userId.toString());
        assertThat(claims.getJWTID()).isEqualTo(refreshTokenId.toString());
        assertThat(claims.getStringClaim("workspaceId")).isEqualTo(workspaceId.toString());
    }

    @Test
    void issuesApiKeyWhoseSubjectIsTheWorkspace() throws Exception {
        UUID apiKeyId = UUID.randomUUID();
        Instant expiresAt = Instant.parse("2027-01-01T00:00:00.750Z");

        IssuedToken token = signer.apiKey(apiKeyId, workspaceId, expiresAt);

        JWTClaimsSet claims = claims(token);
        assertThat(claims.getStringClaim("type")).isEqualTo("API_KEY");
        assertThat(claims.getSubject()).isEqualTo(workspaceId.toString());
        assertThat(claims.getStringClaim("workspaceId")).isEqualTo(workspaceId.toString());
        assertThat(claims.getJWTID()).isEqualTo(apiKeyId.toString());
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    private static JWTClaimsSet claims(IssuedToken token) throws Exception {
        return SignedJWT.parse(token.token()).getJWTClaimsSet();
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
