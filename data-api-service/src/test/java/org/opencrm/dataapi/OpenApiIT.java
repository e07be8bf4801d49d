package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.embedded.auth.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = DataApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + DataApiApplication.CONFIG_NAME)
class OpenApiIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final PlatformStub PLATFORM = PlatformStub.on(AUTH);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
        registry.add("crm.dataapi.routes.auth-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.metadata-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.webhook-url", AUTH::baseUrl);
        registry.add("spring.grpc.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        AUTH.close();
    }

    @Test
    void describesEveryObjectOfTheWorkspaceInAValidOpenApi31Document() {
        HttpResponse<String> response = get("/rest/open-api/core", TOKENS.workspaceToken(UUID.randomUUID()));
        assertThat(response.statusCode()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.1");
        assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity().getFirst()).containsKey("bearerAuth");
        assertThat(api.getPaths()).containsKeys("/people", "/people/{id}", "/batch/people", "/companies",
                "/pets", "/pets/{id}", "/batch/pets", "/imports/{objectNamePlural}", "/imports/{id}");
        assertThat(api.getPaths().get("/pets/{id}").readOperations()).hasSize(3);

        Operation listPeople = api.getPaths().get("/people").getGet();
        assertThat(listPeople.getParameters().stream().map(Parameter::get$ref).map(this::resolveParameterName)
                .map(name -> api.getComponents().getParameters().get(name).getName()))
                .containsExactlyInAnyOrder("filter", "order_by", "limit", "depth", "starting_after", "ending_before");
        assertThat(api.getPaths().get("/people").getPost().getRequestBody().getContent().get("application/json")
                .getSchema().get$ref()).isEqualTo("#/components/schemas/Person");

        Map<String, Schema> schemas = api.getComponents().getSchemas();
        assertThat(schemas).containsKeys("Person", "PersonForUpdate", "PersonForResponse", "Pet", "PetForUpdate",
                "PetForResponse", "Company");
        Schema<?> person = schemas.get("Person");
        Schema<?> name = prop(person, "name");
        assertThat(name.getTypes()).contains("object");
        assertThat(name.getProperties()).containsKeys("firstName", "lastName");
        assertThat(prop(prop(person, "emails"), "primaryEmail").getFormat()).isEqualTo("email");
        assertThat(prop(person, "companyId").getFormat()).isEqualTo("uuid");
        assertThat(person.getProperties()).doesNotContainKeys("createdAt", "searchVector", "nameFirstName");
        assertThat(schemas.get("PersonForUpdate").getProperties()).doesNotContainKey("id");
        assertThat(prop((Schema<?>) schemas.get("PersonForResponse"), "createdAt").getReadOnly()).isTrue();
        assertThat(prop((Schema<?>) schemas.get("PersonForResponse"), "createdAt").getFormat()).isEqualTo("date-time");

        Schema<?> pet = schemas.get("Pet");
        assertThat(prop(pet, "species").getEnum().stream().map(String::valueOf)).containsExactly("DOG", "CAT", "null");
        assertThat(prop(pet, "traits").getItems().getEnum().stream().map(String::valueOf)).contains("CALM", "PLAYFUL", "LOUD");
        assertThat(prop(pet, "weight").getTypes()).contains("number");
        assertThat(prop(pet, "vaccinated").getTypes()).contains("boolean");
        assertThat(prop(pet, "birthday").getFormat()).isEqualTo("date");
        assertThat(prop(pet, "tags").getItems().getTypes()).contains("string");
        assertThat(prop(pet, "home").getProperties()).containsKeys("addressCity", "addressLat");
        assertThat(prop(pet, "ownerId").getFormat()).isEqualTo("uuid");
        assertThat(prop(pet, "rating").getEnum().stream().map(String::valueOf)).contains("RATING_1", "RATING_5");
    }

    @Test
    void theDocumentNeedsAWorkspaceToken() {
        assertThat(get("/rest/open-api/core", null).statusCode()).isEqualTo(401);
    }

    @Test
    void servesSwaggerUiWithoutAToken() {
        HttpResponse<String> page = get("/swagger-ui", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String bundle = page.body().lines().filter(line -> line.contains("swagger-ui-bundle.js")).findFirst().orElseThrow();
        String path = bundle.substring(bundle.indexOf("src=\"") + 5, bundle.indexOf("\"></script>"));
        assertThat(path).startsWith("/webjars/swagger-ui/");
        HttpResponse<String> script = get(path, null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("SwaggerUIBundle");
        assertThat(page.body()).contains("/rest/open-api/core");
    }

    private static Schema<?> prop(Schema<?> schema, String name) {
        return (Schema<?>) schema.getProperties().get(name);
    }

    private String resolveParameterName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
