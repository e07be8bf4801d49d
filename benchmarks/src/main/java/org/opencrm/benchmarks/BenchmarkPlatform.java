package org.opencrm.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.opencrm.embedded.EmbeddedPostgres;
import org.opencrm.localstack.LocalPlatform;
import org.opencrm.localstack.LocalStackSettings;

/**
 * The platform under test: embedded PostgreSQL started here (so the benchmark can reach it with JDBC) and the five
 * services with their in-process Kafka broker started as {@code ./run.sh} starts them, either in a JVM of their own
 * ({@code --platform process}: the load generator's allocations and collections do not stall the platform, nor
 * the platform's the load) or in this JVM ({@code --platform in-process}); or a running platform named by
 * {@code --url} (with {@code --jdbc-url} for the steps that work on PostgreSQL directly).
 */
final class BenchmarkPlatform implements AutoCloseable {

    private final String gatewayUrl;
    private final int grpcPort;
    private final String workerUrl;
    private final Optional<String> jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final AutoCloseable[] owned;

    private BenchmarkPlatform(String gatewayUrl, int grpcPort, String workerUrl, Optional<String> jdbcUrl,
            String jdbcUser, String jdbcPassword, AutoCloseable... owned) {
        this.gatewayUrl = gatewayUrl;
        this.grpcPort = grpcPort;
        this.workerUrl = workerUrl;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.owned = owned;
    }

    /** The options this class reads. */
    static final java.util.Set<String> OPTIONS = java.util.Set.of("url", "grpc-port", "worker-url", "jdbc-url", "jdbc-user", "jdbc-password", "platform");

    /** The platform {@code --url} names, else one started here: in its own JVM or in this one, as {@code --platform} says. */
    static BenchmarkPlatform from(Options options, String defaultPlacement) {
        Optional<String> url = options.text("url");
        if (url.isPresent()) {
            URI gateway = URI.create(url.get());
            String worker = options.text("worker-url",
                    gateway.getScheme() + "://" + gateway.getHost() + ":" + (gateway.getPort() + 3));
            return new BenchmarkPlatform(url.get(), options.integer("grpc-port", 9090), worker,
                    options.text("jdbc-url"), options.text("jdbc-user", "postgres"), options.text("jdbc-password", ""));
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        try {
            postgres.createDatabase("opencrm");
            String jdbc = postgres.jdbcUrl("opencrm");
            // Fixed consecutive ports, so the worker's metrics are at the gateway's port + 3 as in run.sh.
            int gatewayPort = freePortRun(5);
            String placement = options.text("platform", defaultPlacement);
            if (placement.equals("process")) {
                int grpcPort = freePortRun(1);
                PlatformProcess process = PlatformProcess.start(gatewayPort, grpcPort, jdbc, postgres.username(), postgres.password());
                return new BenchmarkPlatform("http://127.0.0.1:" + gatewayPort, grpcPort,
                        "http://127.0.0.1:" + (gatewayPort + 3), Optional.of(jdbc), postgres.username(), postgres.password(),
                        process, postgres);
            }
            if (!placement.equals("in-process")) {
                throw new IllegalArgumentException("--platform must be process or in-process, was: " + placement);
            }
            LocalPlatform platform = LocalPlatform.start(LocalStackSettings.forTests(Map.of(
                    "gateway-port", Integer.toString(gatewayPort),
                    "postgres-url", jdbc,
                    "postgres-user", postgres.username(),
                    "postgres-password", postgres.password())));
            return new BenchmarkPlatform(platform.gatewayUrl(), platform.grpcPort(),
                    "http://127.0.0.1:" + (gatewayPort + 3), Optional.of(jdbc), postgres.username(), postgres.password(),
                    platform, postgres);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Where the platform runs, for the report. */
    String placement() {
        if (owned.length == 0) {
            return "running at " + gatewayUrl;
        }
        return owned[0] instanceof PlatformProcess ? "in a JVM of its own" : "in the benchmark's JVM";
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    int grpcPort() {
        return grpcPort;
    }

    /** migration-worker's base URL, for its Prometheus metrics. */
    String workerUrl() {
        return workerUrl;
    }

    boolean hasJdbc() {
        return jdbcUrl.isPresent();
    }

    /**
     * A new connection to the platform's database. {@code stringtype=unspecified} lets text parameters stand for
     * enum, jsonb and timestamp values, as psql literals do.
     */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(connectionUrl(), jdbcUser, jdbcPassword);
    }

    /** What {@link #connect} connects with, for a load running in another process. */
    InsertLoad.Settings insertLoad(String sql, java.util.List<String> templateValues, int threads, int perSecond) {
        return new InsertLoad.Settings(connectionUrl(), jdbcUser, jdbcPassword, sql, templateValues, threads, perSecond);
    }

    private String connectionUrl() {
        String url = jdbcUrl.orElseThrow(() -> new IllegalStateException("This step needs --jdbc-url"));
        return url + (url.contains("?") ? "&" : "?") + "stringtype=unspecified";
    }

    /** The first of {@code count} consecutive free ports. */
    private static int freePortRun(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket ignored = new ServerSocket(port)) {
                    // free
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free ports found");
    }

    @Override
    public void close() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + resource + ": " + e);
            }
        }
    }
}
