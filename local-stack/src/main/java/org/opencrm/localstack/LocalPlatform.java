package org.opencrm.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opencrm.auth.AuthServiceApplication;
import org.opencrm.dataapi.DataApiApplication;
import org.opencrm.embedded.EmbeddedKafka;
import org.opencrm.embedded.EmbeddedPostgres;
import org.opencrm.metadata.MetadataServiceApplication;
import org.opencrm.migration.MigrationWorkerApplication;
import org.opencrm.webhook.WebhookServiceApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM: PostgreSQL and Kafka (embedded unless external ones are configured), then the
 * five services, each in its own Spring application context on its own port, talking to each other over HTTP
 * and Kafka exactly as separate deployments do. One JVM instead of five processes keeps a laptop's memory and
 * start-up time low; in production every service is its own Deployment (see deploy/).
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);
    private static final String DATABASE = "opencrm";

    /** Boot's default security would put basic auth on the worker's actuator; the worker serves nothing else. */
    private static final String WORKER_EXCLUDED_AUTOCONFIGURATION = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private String gatewayUrl;
    private int grpcPort;
    private String jdbcUrl;
    private String databaseUser;
    private String databasePassword;

    private LocalPlatform() {
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static LocalPlatform start(LocalStackSettings settings) {
        LocalPlatform platform = new LocalPlatform();
        try {
            platform.startAll(settings);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The gateway, data-api-service: every public HTTP call goes here. */
    public String gatewayUrl() {
        return gatewayUrl;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** The PostgreSQL database every service uses, for tools and tests that look at the catalog. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    public String databasePassword() {
        return databasePassword;
    }

    private void startAll(LocalStackSettings settings) {
        long started = System.nanoTime();
        Map<String, String> shared = new LinkedHashMap<>();
        if (settings.postgresUrl().isPresent()) {
            shared.put("spring.datasource.url", settings.postgresUrl().get());
            shared.put("spring.datasource.username", settings.postgresUser());
            shared.put("spring.datasource.password", settings.postgresPassword());
        } else {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            resources.add(postgres);
            postgres.createDatabase(DATABASE);
            shared.put("spring.datasource.url", postgres.jdbcUrl(DATABASE));
            shared.put("spring.datasource.username", postgres.username());
            shared.put("spring.datasource.password", postgres.password());
        }
        if (settings.kafkaBootstrapServers().isPresent()) {
            shared.put("spring.kafka.bootstrap-servers", settings.kafkaBootstrapServers().get());
        } else {
            EmbeddedKafka kafka = EmbeddedKafka.start();
            resources.add(kafka);
            shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        }
        jdbcUrl = shared.get("spring.datasource.url");
        databaseUser = shared.get("spring.datasource.username");
        databasePassword = shared.get("spring.datasource.password");
        shared.put("spring.datasource.hikari.maximum-pool-size", "10");
        shared.put("spring.main.banner-mode", "off");
        shared.put("logging.level.root", "WARN");
        shared.put("logging.level.org.opencrm", "INFO");
        shared.put("logging.include-application-name", "false");
        log.info("PostgreSQL and Kafka ready in {} ms", elapsedMillis(started));

        boolean fixedPorts = settings.gatewayPort() != 0;
        int authPort = startService(AuthServiceApplication.class, AuthServiceApplication.CONFIG_NAME, shared,
                Map.of("server.port", port(fixedPorts, settings.gatewayPort() + 1),
                        "spring.grpc.server.enabled", "false"));
        String authUrl = "http://127.0.0.1:" + authPort;
        shared.put("crm.security.jwks-uri", authUrl + "/auth/.well-known/jwks.json");
        shared.put("crm.security.auth-base-url", authUrl);

        int metadataPort = startService(MetadataServiceApplication.class, MetadataServiceApplication.CONFIG_NAME, shared,
                Map.of("server.port", port(fixedPorts, settings.gatewayPort() + 2),
                        "spring.grpc.server.enabled", "false"));
        startService(MigrationWorkerApplication.class, MigrationWorkerApplication.CONFIG_NAME, shared,
                Map.of("server.port", port(fixedPorts, settings.gatewayPort() + 3),
                        "spring.grpc.server.enabled", "false",
                        "spring.autoconfigure.exclude", WORKER_EXCLUDED_AUTOCONFIGURATION));
        int webhookPort = startService(WebhookServiceApplication.class, WebhookServiceApplication.CONFIG_NAME, shared,
                Map.of("server.port", port(fixedPorts, settings.gatewayPort() + 4),
                        "spring.grpc.server.enabled", "false",
                        "crm.webhook.delivery.allow-private-targets", "true"));

        grpcPort = settings.grpcPort() == 0 ? FreePorts.any() : settings.grpcPort();
        int gatewayPort = startService(DataApiApplication.class, DataApiApplication.CONFIG_NAME, shared,
                Map.of("server.port", Integer.toString(settings.gatewayPort()),
                        "spring.grpc.server.port", Integer.toString(grpcPort),
                        "crm.dataapi.routes.auth-url", authUrl,
                        "crm.dataapi.routes.metadata-url", "http://127.0.0.1:" + metadataPort,
                        "crm.dataapi.routes.webhook-url", "http://127.0.0.1:" + webhookPort));
        gatewayUrl = "http://localhost:" + gatewayPort;
        log.info("All five services started in {} ms", elapsedMillis(started));
    }

    private int startService(Class<?> application, String configName, Map<String, String> shared, Map<String, String> own) {
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + configName);
        shared.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        own.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .registerShutdownHook(false)
                .run(arguments.toArray(String[]::new));
        services.add(context);
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        log.info("{} listening on {} (started in {} ms)", configName, port, elapsedMillis(started));
        return port;
    }

    private static String port(boolean fixed, int port) {
        return fixed ? Integer.toString(port) : "0";
    }

    private static long elapsedMillis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Stops the services in reverse order (gateway first), then Kafka and PostgreSQL. */
    @Override
    public synchronized void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Could not stop {}", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
