package org.opencrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A new user with an ACTIVE workspace and a token scoped to it, made through the gateway as a new user would.
 *
 * @param schema the workspace's PostgreSQL schema, for tests that look at the catalog
 */
record TestWorkspace(PlatformClient client, String id, String token, String schema) {

    static TestWorkspace create(PlatformClient client, String displayName) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String userToken = client.post("/auth/sign-up", null, Map.of("email", email, "password", "correct horse battery"))
                .orThrow().path("tokens").path("accessToken").path("token").asString();
        String id = client.post("/rest/metadata/workspaces", userToken, Map.of("displayName", displayName))
                .orThrow().path("data").path("createWorkspace").path("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                "ACTIVE".equals(client.get("/rest/metadata/workspaces/" + id, userToken)
                        .orThrow().path("data").path("workspace").path("activationStatus").asString()));
        String schema = client.get("/rest/metadata/workspaces/" + id, userToken).orThrow()
                .path("data").path("workspace").path("schemaName").asString();
        PlatformClient.Response[] exchanged = new PlatformClient.Response[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() ->
                (exchanged[0] = client.post("/auth/token/workspace", userToken, Map.of("workspaceId", id))).ok());
        return new TestWorkspace(client, id, exchanged[0].body().path("tokens").path("accessToken").path("token").asString(),
                schema);
    }

    /** Waits until the object or field at {@code path} (envelope {@code "object"} or {@code "field"}) is APPLIED. */
    JsonNode awaitApplied(String path, String envelope) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = client.get(path, token).orThrow().path("data").path(envelope);
            String status = last[0].path("migrationStatus").asString();
            assertThat(status).as(path + " " + last[0].path("migrationError").asString()).isNotEqualTo("FAILED");
            return "APPLIED".equals(status);
        });
        return last[0];
    }

    /** Waits until the migration settles; returns it. */
    JsonNode awaitMigration(String migrationId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = client.get("/rest/metadata/migrations/" + migrationId, token).orThrow().path("data").path("migration");
            return !"PENDING".equals(last[0].path("status").asString());
        });
        return last[0];
    }

    PlatformClient.Response get(String path) {
        return client.get(path, token);
    }

    PlatformClient.Response post(String path, Object body) {
        return client.post(path, token, body);
    }

    PlatformClient.Response patch(String path, Object body) {
        return client.patch(path, token, body);
    }

    PlatformClient.Response delete(String path) {
        return client.delete(path, token);
    }
}
