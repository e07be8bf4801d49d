package org.opencrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencrm.deploy.RenderedChart.Manifest;
import org.yaml.snakeyaml.Yaml;

/** Lints the chart and checks what `helm template` renders for default and overridden values. */
class HelmChartTest {

  /** Surefire runs in the module directory. */
  private static final Path CHART = Path.of("helm/opencrm");

  private static final String RELEASE = "crm";

  /** Resource name prefix for release "crm": "<release>-<chart>". */
  private static final String PREFIX = "crm-opencrm-";

  /** The five services, their values key and their HTTP port (docs/contracts.md). */
  enum CrmService {
    AUTH("auth-service", "authService", 8081),
    METADATA("metadata-service", "metadataService", 8082),
    MIGRATION_WORKER("migration-worker", "migrationWorker", 8083),
    DATA_API("data-api-service", "dataApiService", 8080),
    WEBHOOK("webhook-service", "webhookService", 8084);

    final String component;
    final String valuesKey;
    final int port;

    CrmService(String component, String valuesKey, int port) {
      this.component = component;
      this.valuesKey = valuesKey;
      this.port = port;
    }

    String resourceName() {
      return PREFIX + component;
    }
  }

  @Test
  void lintPassesInStrictMode() {
    var result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void rendersOneDeploymentAndOneServicePerService() {
    var chart = render(Map.of());

    assertThat(chart.ofKind("Deployment")).extracting(Manifest::name)
        .containsExactlyInAnyOrder(resourceNames());
    assertThat(chart.ofKind("Service")).extracting(Manifest::name)
        .containsExactlyInAnyOrder(resourceNames());
  }

  @ParameterizedTest
  @EnumSource(CrmService.class)
  void exposesTheServicesHttpPortOnContainerAndService(CrmService service) {
    var chart = render(Map.of());

    var containerPort = chart.get("Deployment", service.resourceName()).container().at("ports").element(0);
    assertThat(containerPort.at("name").asString()).isEqualTo("http");
    assertThat(containerPort.at("containerPort").asInt()).isEqualTo(service.port);
    assertThat(chart.get("Deployment", service.resourceName()).envValue("SERVER_PORT"))
        .isEqualTo(String.valueOf(service.port));

    var servicePort = chart.get("Service", service.resourceName()).at("spec", "ports").element(0);
    assertThat(servicePort.at("port").asInt()).isEqualTo(service.port);
    assertThat(servicePort.at("targetPort").asString()).isEqualTo("http");
  }

  @Test
  void gatewayAlsoExposesGrpc() {
    var chart = render(Map.of());

    var gateway = chart.get("Deployment", CrmService.DATA_API.resourceName());
    assertThat(gateway.container().at("ports").elements())
        .extracting(port -> port.at("name").asString() + ":" + port.at("containerPort").asInt())
        .containsExactly("http:8080", "grpc:9090");
    assertThat(gateway.envValue("SPRING_GRPC_SERVER_PORT")).isEqualTo("9090");
    assertThat(chart.get("Service", CrmService.DATA_API.resourceName()).at("spec", "ports").elements())
        .extracting(port -> port.at("name").asString() + ":" + port.at("port").asInt())
        .containsExactly("http:8080", "grpc:9090");
  }

  @ParameterizedTest
  @EnumSource(CrmService.class)
  void probesTheActuatorHealthGroupsOnTheHttpPort(CrmService service) {
    var container = render(Map.of()).get("Deployment", service.resourceName()).container();

    assertThat(container.at("readinessProbe", "httpGet", "path").asString())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.at("livenessProbe", "httpGet", "path").asString())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.at("startupProbe", "httpGet", "path").asString())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.at("readinessProbe", "httpGet", "port").asString()).isEqualTo("http");
    assertThat(container.at("livenessProbe", "httpGet", "port").asString()).isEqualTo("http");
  }

  @ParameterizedTest
  @EnumSource(CrmService.class)
  void annotatesPodsForPrometheusScraping(CrmService service) {
    var annotations = render(Map.of()).get("Deployment", service.resourceName())
        .at("spec", "template", "metadata", "annotations").asMap();

    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/path", "/actuator/prometheus")
        .containsEntry("prometheus.io/port", String.valueOf(service.port));
  }

  @Test
  void replicaCountsComeFromValues() throws IOException {
    var values = defaultValues();
    var chart = render(Map.of());

    for (var service : CrmService.values()) {
      var expected = RenderedChart.asMap(values.get(service.valuesKey)).get("replicas");
      assertThat(chart.get("Deployment", service.resourceName()).at("spec", "replicas").asInt())
          .as("replicas of %s", service.component)
          .isEqualTo(expected);
    }
  }

  @Test
  void overriddenReplicaCountShowsInTheDeployment() {
    var chart = render(Map.of("metadataService.replicas", 3, "migrationWorker.replicas", 4));

    assertThat(chart.get("Deployment", CrmService.METADATA.resourceName()).at("spec", "replicas").asInt())
        .isEqualTo(3);
    assertThat(chart.get("Deployment", CrmService.MIGRATION_WORKER.resourceName()).at("spec", "replicas").asInt())
        .isEqualTo(4);
  }

  @Test
  void addsADisruptionBudgetOnlyToServicesWithSeveralReplicas() {
    var chart = render(Map.of(
        "authService.replicas", 2,
        "metadataService.replicas", 1,
        "migrationWorker.replicas", 3,
        "dataApiService.replicas", 2,
        "webhookService.replicas", 1));

    assertThat(chart.ofKind("PodDisruptionBudget")).extracting(Manifest::name)
        .containsExactlyInAnyOrder(
            CrmService.AUTH.resourceName(),
            CrmService.MIGRATION_WORKER.resourceName(),
            CrmService.DATA_API.resourceName());
    var budget = chart.get("PodDisruptionBudget", CrmService.MIGRATION_WORKER.resourceName());
    assertThat(budget.at("spec", "selector", "matchLabels").asMap())
        .isEqualTo(chart.get("Deployment", CrmService.MIGRATION_WORKER.resourceName())
            .at("spec", "selector", "matchLabels").asMap());
  }

  @Test
  void disablingAServiceRemovesAllItsResources() {
    var chart = render(Map.of("webhookService.enabled", false, "webhookService.replicas", 2));

    assertThat(chart.ofComponent("webhook-service")).isEmpty();
    assertThat(chart.ofKind("Deployment")).hasSize(4);
    assertThat(chart.ofKind("Service")).hasSize(4);
    assertThat(chart.ofComponent("auth-service")).extracting(Manifest::kind)
        .containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget");
  }

  @Test
  void generatesTheDatabaseSecretFromValuesByDefault() {
    var chart = render(Map.of("postgresql.username", "crm_user", "postgresql.password", "s3cret"));

    var secret = chart.get("Secret", PREFIX + "postgresql");
    assertThat(decoded(secret, "username")).isEqualTo("crm_user");
    assertThat(decoded(secret, "password")).isEqualTo("s3cret");
    for (var deployment : chart.ofKind("Deployment")) {
      assertThat(deployment.env("SPRING_DATASOURCE_PASSWORD").at("valueFrom", "secretKeyRef").asMap())
          .containsEntry("name", PREFIX + "postgresql")
          .containsEntry("key", "password");
    }
  }

  @Test
  void referencesAnExistingSecretInsteadOfGeneratingOne() {
    var chart = render(Map.of(
        "postgresql.existingSecret", "crm-database",
        "postgresql.usernameKey", "user",
        "postgresql.passwordKey", "pass"));

    assertThat(chart.ofKind("Secret")).isEmpty();
    for (var deployment : chart.ofKind("Deployment")) {
      assertThat(deployment.env("SPRING_DATASOURCE_USERNAME").at("valueFrom", "secretKeyRef").asMap())
          .containsEntry("name", "crm-database")
          .containsEntry("key", "user");
      assertThat(deployment.env("SPRING_DATASOURCE_PASSWORD").at("valueFrom", "secretKeyRef").asMap())
          .containsEntry("name", "crm-database")
          .containsEntry("key", "pass");
    }
  }

  @Test
  void connectsEveryServiceToTheExternalDatabaseKafkaAndAuthKeys() {
    var chart = render(Map.of(
        "postgresql.url", "jdbc:postgresql://db.example.com:5432/crm",
        "kafka.bootstrapServers", "k1:9092,k2:9092"));

    for (var deployment : chart.ofKind("Deployment")) {
      assertThat(deployment.envValue("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db.example.com:5432/crm");
      assertThat(deployment.envValue("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("k1:9092,k2:9092");
      assertThat(deployment.envValue("CRM_SECURITY_JWKS_URI"))
          .isEqualTo("http://crm-opencrm-auth-service:8081/auth/.well-known/jwks.json");
    }
  }

  @Test
  void gatewayRoutesToTheOtherServices() {
    var gateway = render(Map.of()).get("Deployment", CrmService.DATA_API.resourceName());

    assertThat(gateway.envValue("CRM_DATAAPI_ROUTES_AUTH_URL")).isEqualTo("http://crm-opencrm-auth-service:8081");
    assertThat(gateway.envValue("CRM_DATAAPI_ROUTES_METADATA_URL"))
        .isEqualTo("http://crm-opencrm-metadata-service:8082");
    assertThat(gateway.envValue("CRM_DATAAPI_ROUTES_WEBHOOK_URL"))
        .isEqualTo("http://crm-opencrm-webhook-service:8084");
  }

  @Test
  void gatewayRouteCanPointOutsideTheRelease() {
    var gateway = render(Map.of(
        "webhookService.enabled", false,
        "dataApiService.routes.webhookUrl", "http://webhooks.other:8084"))
        .get("Deployment", CrmService.DATA_API.resourceName());

    assertThat(gateway.envValue("CRM_DATAAPI_ROUTES_WEBHOOK_URL")).isEqualTo("http://webhooks.other:8084");
  }

  @Test
  void imagesAreRegistryServiceAndTag() {
    var chart = render(Map.of(
        "image.registry", "registry.example.com/crm",
        "image.tag", "1.2.3",
        "webhookService.image.tag", "1.2.4"));

    assertThat(chart.get("Deployment", CrmService.AUTH.resourceName()).container().at("image").asString())
        .isEqualTo("registry.example.com/crm/auth-service:1.2.3");
    assertThat(chart.get("Deployment", CrmService.WEBHOOK.resourceName()).container().at("image").asString())
        .isEqualTo("registry.example.com/crm/webhook-service:1.2.4");
  }

  @Test
  void imageTagDefaultsToTheAppVersion() throws IOException {
    var appVersion = RenderedChart.asMap(new Yaml().load(Files.readString(CHART.resolve("Chart.yaml"))))
        .get("appVersion");

    var image = render(Map.of()).get("Deployment", CrmService.DATA_API.resourceName()).container().at("image");

    assertThat(image.asString()).isEqualTo("ghcr.io/opencrm/data-api-service:" + appVersion);
  }

  @ParameterizedTest
  @EnumSource(CrmService.class)
  void runsAsNonRootWithAReadOnlyRootAndAWritableTmp(CrmService service) {
    var deployment = render(Map.of()).get("Deployment", service.resourceName());

    assertThat(deployment.at("spec", "template", "spec", "securityContext", "runAsNonRoot").value()).isEqualTo(true);
    var container = deployment.container();
    assertThat(container.at("securityContext", "readOnlyRootFilesystem").value()).isEqualTo(true);
    assertThat(container.at("securityContext", "allowPrivilegeEscalation").value()).isEqualTo(false);
    assertThat(container.at("volumeMounts").elements())
        .anySatisfy(mount -> assertThat(mount.asMap()).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
    assertThat(deployment.at("spec", "template", "spec", "volumes").elements())
        .anySatisfy(volume -> {
          assertThat(volume.asMap()).containsEntry("name", "tmp");
          assertThat(volume.has("emptyDir")).isTrue();
        });
  }

  @ParameterizedTest
  @EnumSource(CrmService.class)
  void setsResourcesFromValues(CrmService service) {
    var chart = render(Map.of(service.valuesKey + ".resources.limits.memory", "2Gi"));

    var resources = chart.get("Deployment", service.resourceName()).container().at("resources");
    assertThat(resources.at("limits", "memory").asString()).isEqualTo("2Gi");
    assertThat(resources.at("requests").asMap()).containsKeys("cpu", "memory");
  }

  @Test
  void onlyTheGatewayIsExposedThroughTheOptionalIngress() {
    assertThat(render(Map.of()).ofKind("Ingress")).isEmpty();

    var chart = render(Map.of(
        "dataApiService.ingress.enabled", true,
        "dataApiService.ingress.className", "nginx",
        "dataApiService.ingress.hosts[0].host", "crm.example.org",
        "dataApiService.ingress.hosts[0].paths[0].path", "/",
        "dataApiService.ingress.hosts[0].paths[0].pathType", "Prefix"));

    var ingress = chart.get("Ingress", CrmService.DATA_API.resourceName());
    assertThat(ingress.at("spec", "ingressClassName").asString()).isEqualTo("nginx");
    var rule = ingress.at("spec", "rules").element(0);
    assertThat(rule.at("host").asString()).isEqualTo("crm.example.org");
    var backend = rule.at("http", "paths").element(0).at("backend", "service");
    assertThat(backend.at("name").asString()).isEqualTo(CrmService.DATA_API.resourceName());
    assertThat(backend.at("port", "name").asString()).isEqualTo("http");
    assertThat(chart.ofKind("Service"))
        .allSatisfy(service -> assertThat(service.at("spec", "type").asString()).isEqualTo("ClusterIP"));
  }

  @Test
  void valuesSchemaRejectsAMistypedSetting() {
    var template = new Helm(CHART).template().withName(RELEASE)
        .set("metadataService.replicas", "three")
        .set("metadataService.replica", 3);

    assertThatThrownBy(template::call)
        .hasMessageContaining("metadataService.replicas")
        .hasMessageContaining("Additional property replica is not allowed");
  }

  private static RenderedChart render(Map<String, Object> values) {
    var template = new Helm(CHART).template().withName(RELEASE).withNamespace("crm");
    values.forEach(template::set);
    return RenderedChart.parse(template.call());
  }

  private static Map<String, Object> defaultValues() throws IOException {
    return RenderedChart.asMap(new Yaml().load(Files.readString(CHART.resolve("values.yaml"))));
  }

  private static String[] resourceNames() {
    return Arrays.stream(CrmService.values()).map(CrmService::resourceName).toArray(String[]::new);
  }

  private static String decoded(Manifest secret, String key) {
    return new String(Base64.getDecoder().decode(secret.at("data", key).asString()));
  }
}
