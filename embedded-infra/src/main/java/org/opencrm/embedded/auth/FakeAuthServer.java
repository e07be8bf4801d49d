package org.opencrm.embedded.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service as the other services see it, on a free loopback port: the JWK set of its
 * {@link TestTokens} at {@code GET /auth/.well-known/jwks.json} and the revoked API keys at
 * {@code GET /auth/api-keys/revoked}.
 */
public final class FakeAuthServer implements AutoCloseable {

    private static final String JWKS_PATH = "/auth/.well-known/jwks.json";
    private static final String REVOKED_PATH = "/auth/api-keys/revoked";

    private final TestTokens tokens;
    private final HttpServer server;
    private final Set<UUID> revokedApiKeyIds = ConcurrentHashMap.newKeySet();

    private FakeAuthServer(TestTokens tokens, HttpServer server) {
        this.tokens = tokens;
        this.server = server;
    }

    /** Starts a server with a newly generated signing key. */
    public static FakeAuthServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeAuthServer auth = new FakeAuthServer(TestTokens.generate(), server);
            String jwks = auth.tokens.jwkSetJson();
            server.createContext(JWKS_PATH, exchange -> respondJson(exchange, 200, jwks));
            server.createContext(REVOKED_PATH, exchange -> respondJson(exchange, 200, auth.revokedJson()));
            server.start();
            return auth;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the fake auth-service", e);
        }
    }

    /** Mints the tokens this server's JWK set verifies. */
    public TestTokens tokens() {
        return tokens;
    }

    /** What {@code crm.security.auth-base-url} (or a gateway route) should point at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What {@code crm.security.jwks-uri} should point at. */
    public String jwksUri() {
        return baseUrl() + JWKS_PATH;
    }

    /** Lists the API key as revoked from now on, as a service loading the list at start-up would see it. */
    public void revoke(UUID apiKeyId) {
        revokedApiKeyIds.add(apiKeyId);
    }

    /**
     * Serves more paths on the same port, for tests that stand in for other services behind one URL. As with
     * {@link HttpServer#createContext}, the longest registered prefix of a request's path picks its handler.
     */
    public void route(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
    }

    /** Answers an exchange with a JSON body, closing it. */
    public static void respondJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
        exchange.close();
    }

    private String revokedJson() {
        return revokedApiKeyIds.stream().map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"revokedApiKeyIds\":[", "]}"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
