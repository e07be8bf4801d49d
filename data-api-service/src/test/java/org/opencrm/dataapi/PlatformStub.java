package org.opencrm.dataapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;

import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.ObjectDefinition;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for metadata-service on the fake auth-service's port, so one local URL answers every route of the
 * gateway: the workspace's objects ({@link TestObjects}, as metadata-service lists them), and an echo of any other
 * call to show what the gateway forwarded.
 */
final class PlatformStub {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, UUID> objectIds = new ConcurrentHashMap<>();
    private final Map<String, UUID> fieldIds = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> hiddenObjects = new ConcurrentHashMap<>();

    private PlatformStub() {
    }

    /** Serves metadata-service's object list and the echo on the auth-service stand-in. */
    static PlatformStub on(FakeAuthServer auth) {
        PlatformStub stub = new PlatformStub();
        auth.route("/rest/metadata/objects", stub::objects);
        auth.route("/", PlatformStub::echo);
        return stub;
    }

    /** From now on metadata-service lists the object as inactive in that workspace. */
    void deactivate(UUID workspaceId, String namePlural) {
        hiddenObjects.computeIfAbsent(workspaceId, id -> ConcurrentHashMap.newKeySet()).add(namePlural);
    }

    private void objects(HttpExchange exchange) throws IOException {
        UUID workspaceId;
        try {
            String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
            workspaceId = UUID.fromString(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("workspaceId"));
        } catch (Exception e) {
            FakeAuthServer.respondJson(exchange, 401, "{}");
            return;
        }
        Set<String> hidden = hiddenObjects.getOrDefault(workspaceId, Set.of());
        ObjectNode body = NODES.objectNode();
        ArrayNode objects = body.putObject("data").putArray("objects");
        for (ObjectDefinition object : TestObjects.all()) {
            objects.add(object(object, !hidden.contains(object.namePlural())));
        }
        body.put("totalCount", objects.size());
        FakeAuthServer.respondJson(exchange, 200, body.toString());
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
            // options and settings as metadata-service shows them; the relation's ends by id, as it does too.
            fieldJson.set("options", FieldTypes.options(field.type()));
            fieldJson.set("defaultValue", defaultValue(field.defaultValue()));
            fieldJson.set("settings", FieldTypes.settings(field));
            if (field.type() instanceof FieldType.Relation relation) {
                fieldJson.putObject("relation")
                        .put("targetObjectMetadataId", objectId(relation.targetObject()).toString())
                        .put("targetObjectNameSingular", relation.targetObject())
                        .put("targetFieldMetadataId", fieldId(relation.targetObject(), relation.inverseField()).toString())
                        .put("type", relation.relationType().name())
                        .put("onDelete", relation.onDelete().name());
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
        FakeAuthServer.respondJson(exchange, 418, json.toString());
    }

    /** A default in Twenty's metadata form, as metadata-service shows it: texts and enum values quoted. */
    private static tools.jackson.databind.JsonNode defaultValue(org.opencrm.schema.DefaultValue value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (value) {
            case org.opencrm.schema.DefaultValue.Text text -> NODES.stringNode("'" + text.value() + "'");
            case org.opencrm.schema.DefaultValue.Number number -> NODES.numberNode(number.value());
            case org.opencrm.schema.DefaultValue.Boolean bool -> NODES.booleanNode(bool.value());
            case org.opencrm.schema.DefaultValue.EnumValue enumValue -> NODES.stringNode("'" + enumValue.value() + "'");
            case org.opencrm.schema.DefaultValue.Json json -> tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(json.json());
            case org.opencrm.schema.DefaultValue.Now now -> NODES.stringNode("now");
            case org.opencrm.schema.DefaultValue.RandomUuid uuid -> NODES.stringNode("uuid");
            case org.opencrm.schema.DefaultValue.EmptyArray empty -> NODES.arrayNode();
            case org.opencrm.schema.DefaultValue.EnumValues several -> {
                var array = NODES.arrayNode();
                several.values().forEach(v -> array.add("'" + v + "'"));
                yield array;
            }
            case org.opencrm.schema.DefaultValue.Composite composite -> {
                ObjectNode parts = NODES.objectNode();
                composite.parts().forEach((part, partDefault) -> parts.set(part, defaultValue(partDefault)));
                yield parts;
            }
        };
    }
}
