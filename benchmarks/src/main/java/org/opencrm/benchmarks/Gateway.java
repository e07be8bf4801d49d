package org.opencrm.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.opencrm.localstack.PlatformClient;
import tools.jackson.databind.JsonNode;

/** What a user does through the gateway, step by step, as the README shows it with curl. */
final class Gateway {

    private static final String PASSWORD = "benchmark password";
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(15);

    private final PlatformClient client;
    private final String email = "bench-" + UUID.randomUUID() + "@example.com";
    private String userToken;
    private long tokenIssuedNanos;

    Gateway(String baseUrl) {
        this.client = new PlatformClient(baseUrl);
    }

    PlatformClient client() {
        return client;
    }

    /** Signs up a new user; its tokens are renewed by logging in again before they expire. */
    Gateway signUp() {
        JsonNode body = client.post("/auth/sign-up", null, Map.of("email", email, "password", PASSWORD)).orThrow();
        userToken = body.path("tokens").path("accessToken").path("token").asString();
        tokenIssuedNanos = System.nanoTime();
        return this;
    }

    /** The user's workspace-agnostic access token, renewed every 15 minutes (it lives 30). */
    String userToken() {
        if (System.nanoTime() - tokenIssuedNanos > TOKEN_REFRESH.toNanos()) {
            JsonNode body = client.post("/auth/login", null, Map.of("email", email, "password", PASSWORD)).orThrow();
            userToken = body.path("tokens").path("accessToken").path("token").asString();
            tokenIssuedNanos = System.nanoTime();
        }
        return userToken;
    }

    /** A provisioned workspace and how long it took from the request to {@code ACTIVE}, as the client saw it. */
    record Workspace(String id, String schemaName, long nanos) {
    }

    /** Requests a workspace and polls it every {@code pollMillis} until it is ACTIVE. */
    Workspace provision(String displayName, int pollMillis) {
        String token = userToken();
        long started = System.nanoTime();
        PlatformClient.Response created = client.post("/rest/metadata/workspaces", token, Map.of("displayName", displayName));
        String id = created.orThrow().path("data").path("createWorkspace").path("id").asString();
        while (true) {
            JsonNode workspace = client.get("/rest/metadata/workspaces/" + id, token).orThrow().path("data").path("workspace");
            String status = workspace.path("activationStatus").asString();
            if ("ACTIVE".equals(status)) {
                return new Workspace(id, workspace.path("schemaName").asString(), System.nanoTime() - started);
            }
            if (!"PENDING_CREATION".equals(status)) {
                throw new IllegalStateException("Workspace " + id + " ended " + status + ": " + workspace);
            }
            pause(pollMillis);
            if (System.nanoTime() - started > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException("Workspace " + id + " not ACTIVE after 2 minutes");
            }
        }
    }

    /** A token scoped to the workspace (retried while auth-service has not yet made the user a member). */
    String workspaceToken(String workspaceId) {
        JsonNode body = retry(() -> client.post("/auth/token/workspace", userToken(), Map.of("workspaceId", workspaceId)));
        return body.path("tokens").path("accessToken").path("token").asString();
    }

    /** Calls until the answer is a success, for at most 30 seconds. */
    static JsonNode retry(Supplier<PlatformClient.Response> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            PlatformClient.Response response = call.get();
            if (response.ok()) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                response.orThrow();
            }
            pause(20);
        }
    }

    /**
     * Polls a metadata resource ({@code /rest/metadata/objects/{id}} or {@code /fields/{id}}) until its
     * migrationStatus is APPLIED; returns the nanoTime when it was seen.
     */
    long awaitApplied(String path, String envelope, String token, int pollMillis) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode resource = client.get(path, token).orThrow().path("data").path(envelope);
            String status = resource.path("migrationStatus").asString();
            if ("APPLIED".equals(status)) {
                return System.nanoTime();
            }
            if ("FAILED".equals(status)) {
                throw new IllegalStateException(path + " failed: " + resource.path("migrationError").asString());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " not APPLIED after 2 minutes: " + resource);
            }
            pause(pollMillis);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
