package org.opencrm.localstack;

import java.util.Map;
import java.util.Optional;

/**
 * How the local stack is started, read from system properties ({@code -Dcrm.local.gateway-port=8080}) or the
 * environment ({@code CRM_LOCAL_GATEWAY_PORT=8080}), system properties first.
 *
 * @param gatewayPort the public HTTP port (data-api-service); {@code 0} picks free ports for every service
 * @param grpcPort the public gRPC port
 * @param postgresUrl an external PostgreSQL's JDBC URL; absent, an embedded PostgreSQL is started
 * @param postgresUser the external PostgreSQL's user
 * @param postgresPassword the external PostgreSQL's password
 * @param kafkaBootstrapServers an external Kafka; absent, an in-process KRaft broker is started
 * @param seedDemo whether to create the demo user, workspace, records and API key
 */
public record LocalStackSettings(
        int gatewayPort,
        int grpcPort,
        Optional<String> postgresUrl,
        String postgresUser,
        String postgresPassword,
        Optional<String> kafkaBootstrapServers,
        boolean seedDemo) {

    /** The settings of this process: system properties, then environment, then defaults. */
    public static LocalStackSettings fromEnvironment() {
        return from(key -> Optional.ofNullable(System.getProperty("crm.local." + key))
                .or(() -> Optional.ofNullable(System.getenv("CRM_LOCAL_" + key.toUpperCase().replace('-', '_'))))
                .filter(value -> !value.isBlank()));
    }

    /** Free ports everywhere, embedded PostgreSQL and Kafka unless the given map names others; no demo data. */
    public static LocalStackSettings forTests(Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("gateway-port", "0", "grpc-port", "0", "seed-demo", "false"));
        values.putAll(overrides);
        return from(key -> Optional.ofNullable(values.get(key)));
    }

    private static LocalStackSettings from(java.util.function.Function<String, Optional<String>> lookup) {
        return new LocalStackSettings(
                port(lookup, "gateway-port", 8080),
                port(lookup, "grpc-port", 9090),
                lookup.apply("postgres-url"),
                lookup.apply("postgres-user").orElse("postgres"),
                lookup.apply("postgres-password").orElse(""),
                lookup.apply("kafka-bootstrap-servers"),
                lookup.apply("seed-demo").map(Boolean::parseBoolean).orElse(true));
    }

    private static int port(java.util.function.Function<String, Optional<String>> lookup, String key, int fallback) {
        String value = lookup.apply(key).orElse(Integer.toString(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("crm.local." + key + " must be a port number from 0 to 65535, was: " + value);
        }
    }
}
