package org.opencrm.metadata;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service: an RSA key whose JWKS (and an empty list of revoked API keys) is served over HTTP
 * on a free local port, and platform tokens signed with it.
 */
final class TestTokens {

    private final RSAKey key;
    private final HttpServer server;

    private TestTokens(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    static TestTokens start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            server.createContext("/auth/.well-known/jwks.json", exchange -> respond(exchange, jwks));
            server.createContext("/auth/api-keys/revoked", exchange -> respond(exchange, "{\"revokedApiKeyIds\":[]}"));
            server.start();
            return new TestTokens(key, server);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("could not start the test token issuer", e);
        }
    }

    String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/.well-known/jwks.json";
    }

    /** A user's workspace-agnostic access token. */
    String userToken(UUID userId) {
        return sign(claims(userId.toString(), "ACCESS").build());
    }

    /** A user's access token scoped to a workspace. */
    String workspaceToken(UUID userId, UUID workspaceId) {
        return sign(claims(userId.toString(), "ACCESS").claim("workspaceId", workspaceId.toString()).build());
    }

    /** An API key of a workspace. */
    String apiKey(UUID workspaceId) {
        return sign(claims(workspaceId.toString(), "API_KEY").claim("workspaceId", workspaceId.toString()).build());
    }

    private static JWTClaimsSet.Builder claims(String subject, String type) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("opencrm")
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(1800)))
                .claim("type", type);
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
