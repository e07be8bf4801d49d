package org.opencrm.localstack;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/** Seeds a demo through the public API, as a new user would: sign-up, workspace, records, API key. */
final class DemoData {

    static final String EMAIL = "demo@opencrm.dev";
    static final String PASSWORD = "demo-password";

    /** What a newcomer needs to try the platform. */
    record DemoWorkspace(String email, String password, String workspaceId, String accessToken, String apiKey,
            long provisioningMillis) {
    }

    private final PlatformClient client;

    DemoData(PlatformClient client) {
        this.client = client;
    }

    DemoWorkspace seed() {
        PlatformClient.Response signUp = client.post("/auth/sign-up", null, Map.of("email", EMAIL, "password", PASSWORD));
        JsonNode tokens = signUp.status() == 409
                ? client.post("/auth/login", null, Map.of("email", EMAIL, "password", PASSWORD)).orThrow().path("tokens")
                : signUp.orThrow().path("tokens");
        String userToken = tokens.path("accessToken").path("token").asString();

        long requested = System.nanoTime();
        String workspaceId = client.post("/rest/metadata/workspaces", userToken, Map.of("displayName", "Acme demo"))
                .orThrow().path("data").path("createWorkspace").path("id").asString();
        awaitActive(workspaceId, userToken);
        long provisioningMillis = (System.nanoTime() - requested) / 1_000_000;

        String token = retry(() -> client.post("/auth/token/workspace", userToken, Map.of("workspaceId", workspaceId)))
                .path("tokens").path("accessToken").path("token").asString();

        List<String> companies = List.of(
                company(token, "Globex", "https://globex.example", 1200),
                company(token, "Initech", "https://initech.example", 350),
                company(token, "Hooli", "https://hooli.example", 8000));
        String alice = person(token, "Alice", "Martin", "alice@globex.example", "VP Sales", companies.get(0));
        String bob = person(token, "Bob", "Nguyen", "bob@initech.example", "CTO", companies.get(1));
        person(token, "Chloé", "Dubois", "chloe@hooli.example", "Head of Ops", companies.get(2));
        opportunity(token, "Globex renewal", 120_000, "PROPOSAL", companies.get(0), alice);
        opportunity(token, "Initech pilot", 25_000, "MEETING", companies.get(1), bob);

        String apiKey = client.post("/auth/api-keys", token, Map.of(
                        "name", "Demo key",
                        "expiresAt", Instant.now().plus(365, ChronoUnit.DAYS).toString()))
                .orThrow().path("data").path("createApiKey").path("token").asString();
        return new DemoWorkspace(EMAIL, PASSWORD, workspaceId, token, apiKey, provisioningMillis);
    }

    private void awaitActive(String workspaceId, String token) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode workspace = client.get("/rest/metadata/workspaces/" + workspaceId, token).orThrow().path("data").path("workspace");
            String status = workspace.path("activationStatus").asString();
            if ("ACTIVE".equals(status)) {
                return;
            }
            if ("FAILED_CREATION".equals(status)) {
                throw new IllegalStateException("Demo workspace could not be created: " + workspace);
            }
            pause();
        }
        throw new IllegalStateException("Demo workspace was not ACTIVE within 60 s");
    }

    /** Membership reaches auth-service by event; the first exchange may come a few milliseconds early. */
    private static JsonNode retry(Supplier<PlatformClient.Response> call) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        PlatformClient.Response response = call.get();
        while (!response.ok() && Instant.now().isBefore(deadline)) {
            pause();
            response = call.get();
        }
        return response.orThrow();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String company(String token, String name, String url, int employees) {
        return create(token, "companies", "createCompany", Map.of(
                "name", name,
                "domainName", Map.of("primaryLinkUrl", url),
                "employees", employees));
    }

    private String person(String token, String first, String last, String email, String jobTitle, String companyId) {
        return create(token, "people", "createPerson", Map.of(
                "name", Map.of("firstName", first, "lastName", last),
                "emails", Map.of("primaryEmail", email),
                "jobTitle", jobTitle,
                "companyId", companyId));
    }

    private void opportunity(String token, String name, long amount, String stage, String companyId, String contactId) {
        create(token, "opportunities", "createOpportunity", Map.of(
                "name", name,
                "amount", Map.of("amountMicros", amount * 1_000_000, "currencyCode", "USD"),
                "stage", stage,
                "companyId", companyId,
                "pointOfContactId", contactId));
    }

    private String create(String token, String plural, String envelope, Map<String, Object> body) {
        return client.post("/rest/" + plural, token, body).orThrow().path("data").path(envelope).path("id").asString();
    }
}
