package org.opencrm.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.opencrm.auth.web.Problems;
import org.opencrm.security.TokenClaims;
import org.opencrm.security.TokenType;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Access and refresh token pairs for users. Refresh tokens are single-use: each one is a row, stored as a hash, that
 * its first use revokes while issuing the next pair.
 */
@Component
public class UserTokens {

    private final TokenSigner signer;
    private final TokenProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final NimbusJwtDecoder refreshTokenDecoder;

    UserTokens(TokenSigner signer, TokenProperties properties, JdbcClient jdbc, Clock clock,
            JWKSource<SecurityContext> localJwkSource) {
        this.signer = signer;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.refreshTokenDecoder = NimbusJwtDecoder.withJwkSource(localJwkSource)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator();
        lifetime.setClock(clock);
        this.refreshTokenDecoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                lifetime,
                new JwtIssuerValidator(TokenClaims.ISSUER),
                new JwtClaimValidator<String>(TokenClaims.TYPE, TokenType.REFRESH.name()::equals))));
    }

    /** A new pair for {@code userId}, scoped to {@code workspaceId} unless it is null. */
    @Transactional
    public TokenPair issue(UUID userId, UUID workspaceId) {
        Instant now = clock.instant();
        UUID refreshTokenId = UUID.randomUUID();
        IssuedToken refreshToken = signer.refreshToken(refreshTokenId, userId, workspaceId,
                now.plus(properties.refreshTokenLifetime()));
        jdbc.sql("INSERT INTO core.\"refreshToken\" "
                        + "(\"id\", \"userId\", \"workspaceId\", \"tokenHash\", \"expiresAt\", \"createdAt\") "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(refreshTokenId, userId, workspaceId, sha256(refreshToken.token()),
                        utc(refreshToken.expiresAt()), utc(now))
                .update();
        return new TokenPair(signer.accessToken(userId, workspaceId, now.plus(properties.accessTokenLifetime())),
                refreshToken);
    }

    /**
     * Trades a refresh token for a new pair of the same scope and revokes it.
     *
     * @throws ErrorResponseException 401 when the token is not a valid, unused refresh token
     */
    @Transactional
    public RefreshedTokens refresh(String refreshToken) {
        UUID refreshTokenId = verifiedId(refreshToken);
        StoredRefreshToken stored = jdbc.sql("SELECT \"userId\", \"workspaceId\", \"tokenHash\", \"revokedAt\" "
                        + "FROM core.\"refreshToken\" WHERE \"id\" = ? FOR UPDATE")
                .param(refreshTokenId)
                .query(UserTokens::storedRefreshToken)
                .optional()
                .filter(row -> MessageDigest.isEqual(row.tokenHash().getBytes(StandardCharsets.US_ASCII),
                        sha256(refreshToken).getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> unauthorized("The refresh token is unknown"));
        if (stored.revoked()) {
            throw unauthorized("The refresh token has already been used or was revoked");
        }
        jdbc.sql("UPDATE core.\"refreshToken\" SET \"revokedAt\" = ? WHERE \"id\" = ?")
                .params(utc(clock.instant()), refreshTokenId)
                .update();
        return new RefreshedTokens(stored.userId(), issue(stored.userId(), stored.workspaceId()));
    }

    /** A refresh's outcome: whose tokens they are, and the new pair. */
    public record RefreshedTokens(UUID userId, TokenPair tokens) {
    }

    private UUID verifiedId(String refreshToken) {
        try {
            Jwt jwt = refreshTokenDecoder.decode(refreshToken);
            return UUID.fromString(jwt.getId());
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw unauthorized("The refresh token is malformed, expired or not a refresh token");
        }
    }

    private static ErrorResponseException unauthorized(String detail) {
        return Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    private record StoredRefreshToken(UUID userId, UUID workspaceId, String tokenHash, boolean revoked) {
    }

    private static StoredRefreshToken storedRefreshToken(ResultSet row, int rowNumber) throws SQLException {
        return new StoredRefreshToken(row.getObject("userId", UUID.class), row.getObject("workspaceId", UUID.class),
                row.getString("tokenHash"), row.getObject("revokedAt") != null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
