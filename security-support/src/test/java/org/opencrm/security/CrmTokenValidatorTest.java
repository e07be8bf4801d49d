package org.opencrm.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private final TestTokens tokens = new TestTokens("test-key");
    private final MutableClock clock = new MutableClock(NOW);
    private final Set<UUID> revokedInAuthService = new HashSet<>();
    private final AtomicBoolean authServiceUp = new AtomicBoolean(true);
    private final RevokedApiKeys revokedApiKeys = new RevokedApiKeys(() -> {
        if (!authServiceUp.get()) {
            throw new IllegalStateException("connection refused");
        }
        return Set.copyOf(revokedInAuthService);
    }, clock, Duration.ofSeconds(5));
    private final JwtDecoder decoder = CrmJwtDecoders.fromJwkSource(tokens.publicKeys(),
            new CrmTokenValidator(clock, Duration.ofSeconds(30), revokedApiKeys));
    private final CrmAuthenticationConverter converter = new CrmAuthenticationConverter();

    private final UUID userId = UUID.randomUUID();
    private final UUID workspaceId = UUID.randomUUID();
    private final UUID apiKeyId = UUID.randomUUID();

    @Test
    void acceptsWorkspaceAgnosticAccessToken() {
        CrmPrincipal principal = principalOf(accessToken());

        assertThat(principal).isEqualTo(new CrmPrincipal(userId, null, TokenType.ACCESS, null));
    }

    @Test
    void acceptsWorkspaceScopedAccessToken() {
        CrmPrincipal principal = principalOf(accessToken().claim(TokenClaims.WORKSPACE_ID, workspaceId.toString()));

        assertThat(principal).isEqualTo(new CrmPrincipal(userId, workspaceId, TokenType.ACCESS, null));
        assertThat(principal.requireWorkspace()).isEqualTo(workspaceId);
    }

    @Test
    void acceptsUnrevokedApiKey() {
        CrmPrincipal principal = principalOf(apiKey());

        assertThat(principal).isEqualTo(new CrmPrincipal(null, workspaceId, TokenType.API_KEY, apiKeyId));
    }

    @Test
    void rejectsRefreshToken() {
        assertRejected(accessToken().claim(TokenClaims.TYPE, TokenType.REFRESH.name()).jwtID(UUID.randomUUID().toString()),
                "refresh token");
    }

    @Test
    void rejectsTokenWithoutType() {
        assertRejected(accessToken().claim(TokenClaims.TYPE, null), "no valid type claim");
    }

    @Test
    void rejectsTokenOfUnknownType() {
        assertRejected(accessToken().claim(TokenClaims.TYPE, "ADMIN"), "no valid type claim");
    }

    @Test
    void rejectsForeignIssuer() {
        assertRejected(accessToken().issuer("someone-else"), "not issued by opencrm");
    }

    @Test
    void rejectsExpiredTokenBeyondClockSkew() {
        String token = tokens.sign(accessToken().issueTime(Date.from(NOW.minusSeconds(1831)))
                .expirationTime(Date.from(NOW.minusSeconds(31))));

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void acceptsTokenExpiredWithinClockSkew() {
        assertThat(principalOf(accessToken().issueTime(Date.from(NOW.minusSeconds(1810)))
                .expirationTime(Date.from(NOW.minusSeconds(10)))).userId())
                .isEqualTo(userId);
    }

    @Test
    void rejectsTokenWithoutExpiry() {
        assertRejected(accessToken().expirationTime(null), "no expiry");
    }

    @Test
    void rejectsTokenNotYetValid() {
        assertRejected(accessToken().notBeforeTime(Date.from(NOW.plusSeconds(600))), "not valid before");
    }

    @Test
    void rejectsAccessTokenWhoseSubjectIsNoUserId() {
        assertRejected(accessToken().subject("alice"), "not a user id");
    }

    @Test
    void rejectsAccessTokenWithMalformedWorkspaceId() {
        assertRejected(accessToken().claim(TokenClaims.WORKSPACE_ID, "acme"), "not a workspace id");
    }

    @Test
    void rejectsApiKeyWithoutWorkspace() {
        assertRejected(apiKey().claim(TokenClaims.WORKSPACE_ID, null), "must be its workspace id");
    }

    @Test
    void rejectsApiKeyWhoseSubjectIsAnotherWorkspace() {
        assertRejected(apiKey().subject(UUID.randomUUID().toString()), "must be its workspace id");
    }

    @Test
    void rejectsApiKeyWithoutKeyId() {
        assertRejected(apiKey().jwtID(null), "jti");
    }

    @Test
    void rejectsApiKeyRevokedBeforeStartUp() {
        revokedInAuthService.add(apiKeyId);

        assertRejected(apiKey(), "has been revoked");
    }

    @Test
    void rejectsApiKeyRevokedByEventAfterItWasAccepted() {
        assertThat(principalOf(apiKey()).apiKeyId()).isEqualTo(apiKeyId);

        revokedApiKeys.markRevoked(apiKeyId);

        assertRejected(apiKey(), "has been revoked");
    }

    @Test
    void refusesApiKeysUntilTheRevokedListCanBeLoadedThenRetries() {
        authServiceUp.set(false);
        assertRevocationStatusUnavailable(apiKey());

        authServiceUp.set(true);
        assertRevocationStatusUnavailable(apiKey());

        clock.advance(Duration.ofSeconds(6));
        assertThat(principalOf(apiKey()).apiKeyId()).isEqualTo(apiKeyId);
    }

    @Test
    void reportsUnknownRevocationStatusAsUnavailableNotAsBadToken() {
        authServiceUp.set(false);

        String token = tokens.sign(apiKey());
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(CrmJwtDecoders.RevocationStatusUnavailableException.class)
                .isNotInstanceOf(JwtValidationException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void refreshFindsRevocationNoEventAnnounced() {
        assertThat(principalOf(apiKey()).apiKeyId()).isEqualTo(apiKeyId);
        revokedInAuthService.add(apiKeyId);
        assertThat(principalOf(apiKey()).apiKeyId()).as("not loaded again on use").isEqualTo(apiKeyId);

        revokedApiKeys.refresh();

        assertRejected(apiKey(), "has been revoked");
    }

    @Test
    void keepsKnownStatusAndEventRevocationsWhenRefreshFails() {
        assertThat(principalOf(apiKey()).apiKeyId()).isEqualTo(apiKeyId);
        UUID revokedByEvent = UUID.randomUUID();
        revokedApiKeys.markRevoked(revokedByEvent);
        authServiceUp.set(false);

        revokedApiKeys.refresh();

        assertThat(principalOf(apiKey()).apiKeyId()).isEqualTo(apiKeyId);
        assertThat(revokedApiKeys.isRevoked(revokedByEvent)).isTrue();
    }

    @Test
    void refreshDoesNotForgetRevocationsEventsBroughtMeanwhile() {
        assertThat(principalOf(apiKey()).apiKeyId()).isEqualTo(apiKeyId);
        revokedApiKeys.markRevoked(apiKeyId);

        revokedApiKeys.refresh();

        assertRejected(apiKey(), "has been revoked");
    }

    @Test
    void refreshLoadsTheListBeforeAnyApiKeyCame() {
        revokedInAuthService.add(apiKeyId);
        authServiceUp.set(false);
        assertRevocationStatusUnavailable(apiKey());
        authServiceUp.set(true);

        revokedApiKeys.refresh();

        assertRejected(apiKey(), "has been revoked");
    }

    @Test
    void acceptsAccessTokensWhileTheRevokedListIsUnavailable() {
        authServiceUp.set(false);

        assertThat(principalOf(accessToken()).userId()).isEqualTo(userId);
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() {
        String forged = new TestTokens("test-key").sign(accessToken());

        assertThatThrownBy(() -> decoder.decode(forged))
                .isInstanceOf(BadJwtException.class)
                .isNotInstanceOf(JwtValidationException.class);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> decoder.decode("not-a-jwt")).isInstanceOf(BadJwtException.class);
    }

    private JWTClaimsSet.Builder accessToken() {
        return TestTokens.claims(NOW)
                .subject(userId.toString())
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.TYPE, TokenType.ACCESS.name());
    }

    private JWTClaimsSet.Builder apiKey() {
        return TestTokens.claims(NOW)
                .subject(workspaceId.toString())
                .jwtID(apiKeyId.toString())
                .claim(TokenClaims.WORKSPACE_ID, workspaceId.toString())
                .claim(TokenClaims.TYPE, TokenType.API_KEY.name());
    }

    private CrmPrincipal principalOf(JWTClaimsSet.Builder claims) {
        Jwt jwt = decoder.decode(tokens.sign(claims));
        return (CrmPrincipal) converter.convert(jwt).getPrincipal();
    }

    private void assertRevocationStatusUnavailable(JWTClaimsSet.Builder claims) {
        String token = tokens.sign(claims);
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(CrmJwtDecoders.RevocationStatusUnavailableException.class)
                .hasMessageContaining("unknown");
    }

    private void assertRejected(JWTClaimsSet.Builder claims, String reason) {
        String token = tokens.sign(claims);
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .satisfies(e -> assertThat(((JwtValidationException) e).getErrors())
                        .anySatisfy(error -> assertThat(error.getDescription()).containsIgnoringCase(reason)));
    }
}
