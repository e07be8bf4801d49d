package org.opencrm.dataapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.ObjectDefinition;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for auth-service and metadata-service on one local port: the JWK set and revoked API keys, the
 * workspace's objects ({@link TestObjects}, as metadata-service lists them), and an echo of any other call to show
 * what the gateway forwarded. Signs the tokens the tests use.
 */
final class PlatformStub implements AutoCloseable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, UUID> objectIds = new ConcurrentHashMap<>();
    private final Map<String, UUID> fieldIds = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> hiddenObjects = new ConcurrentHashMap<>();
    private final AtomicInteger metadataCalls = new AtomicInteger();

    private PlatformStub() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static PlatformStub start() {
        try {
            return new PlatformStub();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwksUri() {
        return baseUrl() + "/auth/.well-known/jwks.json";
    }

    int metadataCalls() {
        return metadataCalls.get();
    }

    /** From now on metadata-service lists the object as inactive in that workspace. */
    void deactivate(UUID workspaceId, String namePlural) {
        hiddenObjects.computeIfAbsent(workspaceId, id -> ConcurrentHashMap.newKeySet()).add(namePlural);
    }

    String userToken(UUID workspaceId) {
        return sign(new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
                .claim("type", "ACCESS").claim("workspaceId", workspaceId.toString()));
    }

    /** A user's token scoped to no workspace, as right after sign-up. */
    String workspaceAgnosticToken() {
        return sign(new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).claim("type", "ACCESS"));
    }

    String apiKey(UUID workspaceId) {
        return sign(new JWTClaimsSet.Builder().subject(workspaceId.toString())
                .claim("type", "API_KEY").claim("workspaceId", workspaceId.toString()));
    }

    private String sign(JWTClaimsSet.Builder claims) {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.issuer("opencrm").jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(1800))).build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            switch (path) {
                case "/auth/.well-known/jwks.json" -> respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
                case "/auth/api-keys/revoked" -> respond(exchange, 200, "{\"revokedApiKeyIds\":[]}");
                case "/rest/metadata/objects" -> objects(exchange);
                default -> echo(exchange);
            }
        }
    }

    private void objects(HttpExchange exchange) throws IOException {
        metadataCalls.incrementAndGet();
        UUID workspaceId;
        try {
            String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
            workspaceId = UUID.fromString(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("workspaceId"));
        } catch (Exception e) {
            respond(exchange, 401, "{}");
            return;
        }
        Set<String> hidden = hiddenObjects.getOrDefault(workspaceId, Set.of());
        ObjectNode body = NODES.objectNode();
        ArrayNode objects = body.putObject("data").putArray("objects");
        for (ObjectDefinition object : TestObjects.all()) {
            objects.add(object(object, !hidden.contains(object.namePlural())));
        }
        body.put("totalCount", objects.size());
        respond(exchange, 200, body.toString());
    }

    private ObjectNode object(ObjectDefinition object, boolean active) {
        ObjectNode json = NODES.objectNode()
                .put("id", objectId(object.nameSingular()).toString())
                .put("nameSingular", object.nameSingular())
                .put("namePlural", object.namePlural())
                .put("isCustom", object.custom())
                .put("isActive", active)
                .put("migrationStatus", "APPLIED");
        ArrayNode fields = json.putArray("fields");
        for (FieldDefinition field : object.allFields()) {
            ObjectNode fieldJson = fields.addObject()
                    .put("id", fieldId(object.nameSingular(), field.name()).toString())
                    .put("objectMetadataId", objectId(object.nameSingular()).toString())
                    .put("name", field.name())
                    .put("type", field.type().typeName())
                    .put("isActive", true)
                    .put("isNullable", field.nullable())
                    .put("isUnique", field.unique())
                    .put("migrationStatus", "APPLIED");
            JsonNode optionsOrSettings = FieldTypes.optionsOrSettings(field.type());
            switch (field.type()) {
                case FieldType.Relation relation -> fieldJson.putObject("relation")
                        .put("targetObjectMetadataId", objectId(relation.targetObject()).toString())
                        .put("targetObjectNameSingular", relation.targetObject())
                        .put("targetFieldMetadataId", fieldId(relation.targetObject(), relation.inverseField()).toString())
                        .put("type", relation.relationType().name())
                        .put("onDelete", relation.onDelete().name());
                case FieldType.Select select -> fieldJson.set("options", optionsOrSettings);
                case FieldType.MultiSelect select -> fieldJson.set("options", optionsOrSettings);
                default -> {
                }
            }
        }
        return json;
    }

    private UUID objectId(String nameSingular) {
        return objectIds.computeIfAbsent(nameSingular, name -> UUID.randomUUID());
    }

    private UUID fieldId(String nameSingular, String field) {
        return fieldIds.computeIfAbsent(nameSingular + "." + field, name -> UUID.randomUUID());
    }

    /** Everything the gateway should pass through unchanged, sent back with a status no real route uses. */
    private static void echo(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode json = NODES.objectNode()
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getPath())
                .put("query", exchange.getRequestURI().getRawQuery())
                .put("authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                .put("body", body);
        exchange.getResponseHeaders().add("X-Echo", "yes");
        respond(exchange, 418, json.toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
