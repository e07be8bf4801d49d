package org.opencrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencrm.deploy.RenderedChart.Node;
import org.yaml.snakeyaml.Yaml;

/** The compose file cannot run here (no Docker); this checks its wiring as parsed YAML. */
class ComposeFileTest {

  private static Node services;

  @BeforeAll
  static void parseComposeFile() throws IOException {
    var compose = new Yaml().load(Files.readString(Path.of("compose/docker-compose.yml")));
    services = new Node(compose).at("services");
  }

  @Test
  void runsTheInfrastructureAndTheFiveServices() {
    assertThat(services.asMap()).containsOnlyKeys("postgres", "kafka", "auth-service", "metadata-service",
        "migration-worker", "data-api-service", "webhook-service");
    assertThat(services.at("postgres", "image").asString()).isEqualTo("postgres:17");
    assertThat(services.at("kafka", "image").asString()).startsWith("apache/kafka:4.1");
    assertThat(services.at("kafka", "environment", "KAFKA_PROCESS_ROLES").asString()).isEqualTo("broker,controller");
  }

  @ParameterizedTest
  @CsvSource({
      "auth-service, 8081",
      "metadata-service, 8082",
      "migration-worker, 8083",
      "data-api-service, 8080",
      "webhook-service, 8084"})
  void wiresEachServiceToPostgresKafkaAndTheAuthKeys(String service, int port) {
    var environment = services.at(service, "environment").asMap();

    assertThat(services.at(service, "image").asString()).contains("/" + service + ":");
    assertThat(environment)
        .containsEntry("SERVER_PORT", port)
        .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/opencrm")
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
        .containsEntry("CRM_SECURITY_JWKS_URI", "http://auth-service:8081/auth/.well-known/jwks.json")
        .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
    assertThat(services.at(service, "depends_on", "postgres").asMap())
        .isEqualTo(Map.of("condition", "service_healthy"));
    assertThat(services.at(service, "depends_on", "kafka").asMap())
        .isEqualTo(Map.of("condition", "service_healthy"));
  }

  @Test
  void onlyTheGatewayIsPublishedAndItRoutesToTheOtherServices() {
    assertThat(services.asMap().entrySet())
        .filteredOn(service -> new Node(service.getValue()).has("ports"))
        .extracting(Map.Entry::getKey)
        .containsExactly("data-api-service");
    var gateway = services.at("data-api-service");
    assertThat(gateway.at("ports").elements()).extracting(Node::asString).containsExactly("8080:8080", "9090:9090");
    assertThat(gateway.at("environment").asMap())
        .containsEntry("CRM_DATAAPI_ROUTES_AUTH_URL", "http://auth-service:8081")
        .containsEntry("CRM_DATAAPI_ROUTES_METADATA_URL", "http://metadata-service:8082")
        .containsEntry("CRM_DATAAPI_ROUTES_WEBHOOK_URL", "http://webhook-service:8084");
  }
}
