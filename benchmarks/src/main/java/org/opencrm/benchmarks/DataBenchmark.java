package org.opencrm.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.opencrm.localstack.PlatformClient;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.CreateRecordRequest;
import org.opencrm.proto.records.v1.CreateRecordsRequest;
import org.opencrm.proto.records.v1.ListRecordsRequest;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.proto.records.v1.RecordEncoding;
import org.opencrm.proto.records.v1.RecordServiceGrpc;
import org.opencrm.schema.SqlIdentifiers;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's benchmark: each data operation through REST, through gRPC, and as raw JDBC running the same SQL the
 * data API runs (plus the outbox row for writes), at the same concurrency on the same PostgreSQL in one run, with
 * throughput, p50, p99 and the ratios. Run with {@code scripts/benchmark-data.sh}.
 *
 * <p>Operations under load are {@link Scenario}s listed in {@link #scenarios}; the import of many rows is measured
 * once, through REST against {@code COPY} of the same rows.
 */
public final class DataBenchmark {

    private static final Set<String> OPTIONS = union(BenchmarkPlatform.OPTIONS, Set.of(
            "threads", "warmup-seconds", "seconds", "records", "import-rows", "operations", "grpc-encoding", "out"));
    private static final String OBJECT = "companies";
    private static final String TABLE = "company";
    private static final String ENVELOPE_CREATE = "createCompany";

    /** How an operation reaches PostgreSQL. */
    enum Interface { JDBC, REST, GRPC }

    /** Reference figures from issue 4 (Directus 11.3.5 on a 2-core machine, 16 connections), per operation. */
    private static final Map<String, Double> DIRECTUS_PER_SECOND = Map.of("GET by id", 535.0, "create one", 277.0,
            "page of 60", 308.0);

    /** The share of raw JDBC's throughput each operation must reach through the API (issue 4's goals). */
    private static final Map<String, Double> JDBC_SHARE_GOAL = Map.of("GET by id", 0.20, "create one", 0.40,
            "page of 60", 0.70);

    /** How many records one batch create writes, as Twenty's batch endpoint allows at most. */
    static final int BATCH = 60;
    /** Companies get {@code employees} from 0 to this - 1, so a page's filter matches about records / this rows. */
    static final int EMPLOYEE_VALUES = 10_000;

    /**
     * One operation, measured through each interface. {@code callers} gives, per interface, a factory of one
     * thread's caller; an interface the operation does not have yet is left out and reported as such.
     */
    interface Scenario {
        String name();

        /** The scenario's word in {@code --operations}: the first word of its name, in lower case. */
        default String key() {
            return name().split(" ")[0].toLowerCase(Locale.ROOT);
        }

        Map<Interface, Supplier<LoadRunner.Caller>> callers(Fixture fixture);
    }

    /** What every scenario shares: the workspace, its token, its table and records to read. */
    record Fixture(BenchmarkPlatform platform, String workspaceId, String token, String schema, String table,
            List<String> ids, List<String> actorColumns, List<String> actorValues, RestLoad rest,
            ManagedChannel channel, RecordEncoding encoding, AtomicLong sequence) {

        String randomId() {
            return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        }

        String qualifiedTable() {
            return SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(table);
        }

        boolean json() {
            return encoding == RecordEncoding.RECORD_ENCODING_JSON;
        }

        RecordServiceGrpc.RecordServiceBlockingStub grpc() {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            return RecordServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }

    }

    /**
     * The operations measured under load, in order; each Scenario's JDBC caller runs the SQL the data API runs for
     * it. The import is measured once, after them ({@link #importRows}).
     */
    private static List<Scenario> scenarios() {
        return List.of(new GetById(), new CreateOne(), new BatchCreate(), new FilteredPage());
    }

    private final Options options;
    private final Report report;

    private DataBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: scripts/benchmark-data.sh [--threads 16] [--warmup-seconds 30] [--seconds 20]"
                    + " [--records 100000] [--operations get,create,batch,page] [--grpc-encoding json|struct] [--out file] [--url http://localhost:8080 --grpc-port 9090 --jdbc-url jdbc:postgresql://...]");
            System.exit(2);
            return;
        }
        Report report = new Report("data");
        int exitCode = 0;
        try (BenchmarkPlatform platform = BenchmarkPlatform.from(options, "process")) {
            if (!platform.hasJdbc()) {
                throw new IllegalArgumentException("The data benchmark compares with raw JDBC: give --jdbc-url with --url");
            }
            if (LoggerFactory.getLogger("org.opencrm") instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
            new DataBenchmark(options, report).run(platform);
        } catch (Exception e) {
            e.printStackTrace();
            report.heading("FAILED").paragraph("`" + e + "`");
            exitCode = 1;
        }
        Path out = options.text("out").map(Path::of).orElse(report.defaultPath());
        report.write(out, System.getProperty("benchmark.command", "DataBenchmark " + String.join(" ", args)), options.given());
        System.exit(exitCode);
    }

    private void run(BenchmarkPlatform platform) throws Exception {
        int threads = Math.max(1, options.integer("threads", 16));
        // 30 s: on two shared cores the JIT needs about that long to compile the HTTP path. On 1,000,000 rows, REST
        // GET measured 1,974/s after 5 s of warm-up and 4,999/s after 30 s (same code, two runs).
        int warmup = options.integer("warmup-seconds", 30);
        int seconds = Math.max(1, options.integer("seconds", 20));
        int records = Math.max(1, options.integer("records", 1_000_000));
        int importRows = Math.max(0, options.integer("import-rows", 1_000_000));
        // JSON by default: the REST calls send and read JSON too, so both protocols carry the same bytes of record.
        RecordEncoding encoding = switch (options.text("grpc-encoding").orElse("json")) {
            case "json" -> RecordEncoding.RECORD_ENCODING_JSON;
            case "struct" -> RecordEncoding.RECORD_ENCODING_STRUCT;
            default -> throw new IllegalArgumentException("--grpc-encoding: expected json or struct");
        };

        Gateway user = new Gateway(platform.gatewayUrl()).signUp();
        Gateway.Workspace workspace = user.provision("Data benchmark", 5);
        String token = user.workspaceToken(workspace.id());
        PlatformClient client = user.client();
        JsonNode template = Gateway.retry(() -> client.post("/rest/" + OBJECT, token, Map.of("name", "Template", "employees", 10)))
                .path("data").path(ENVELOPE_CREATE);
        String templateId = template.path("id").asString();

        RestLoad rest = new RestLoad(threads, token);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", platform.grpcPort()).usePlaintext().build();
        try (Connection connection = platform.connect()) {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + JDBC_OUTBOX + " (LIKE core.\"recordOutbox\" INCLUDING ALL)");
            }
            String qualified = SqlIdentifiers.quote(workspace.schemaName()) + "." + SqlIdentifiers.quote(TABLE);
            double loadSeconds = copyTemplate(connection, workspace.schemaName(), qualified, templateId, records);
            List<String> ids = ids(connection, qualified);
            List<String> actorColumns = actorColumns(connection, workspace.schemaName());
            List<String> actorValues = actorValues(connection, qualified, templateId, actorColumns);
            Fixture fixture = new Fixture(platform, workspace.id(), token, workspace.schemaName(), TABLE, ids,
                    actorColumns, actorValues, rest, channel, encoding, new AtomicLong());

            report.heading("Data operations: REST, gRPC and raw JDBC")
                    .paragraph(("Object `%s` of a fresh workspace, %,d rows (copied from one created through the API by"
                            + " INSERT ... SELECT generate_series, %.1f s, then VACUUM ANALYZE). Each operation runs through each"
                            + " interface in turn from %d threads in a closed loop (a thread calls again as soon as it has its"
                            + " answer), %d s of warm-up then %d s measured; the load generator, the platform (%s) and PostgreSQL share"
                            + " this machine. REST: the gateway over HTTP/1.1 (Apache HttpClient 5's blocking client, one"
                            + " kept-alive connection per thread) with the body read, not parsed. gRPC:"
                            + " RecordService over one plaintext channel, records encoded as %s. JDBC: one connection per thread running the SQL the data"
                            + " API runs, plus for writes the outbox row of the record event in the same transaction (into a"
                            + " copy of the outbox table that no relay reads, so the platform never handles JDBC's events).")
                            .formatted(OBJECT, ids.size(), loadSeconds, threads, warmup, seconds, platform.placement(),
                                    encoding == RecordEncoding.RECORD_ENCODING_JSON ? "JSON bytes, not parsed"
                                            : "Structs"));

            try (Statement statement = connection.createStatement()) {
                // The page's query filters on employees and sorts on name: the index a user would add for it
                // (POST /rest/metadata/indexes); created here directly, before the load, and named as such.
                statement.execute("CREATE INDEX IF NOT EXISTS \"benchmark_company_employees_name\" ON " + qualified
                        + " (\"employees\", \"name\", \"id\") WHERE \"deletedAt\" IS NULL");
                statement.execute("ANALYZE " + qualified);
            }
            LoadRunner runner = new LoadRunner(threads, warmup, seconds);
            List<List<String>> rows = new ArrayList<>();
            Set<String> operations = Set.of(options.text("operations").orElse("get,create,batch,page").split(","));
            for (Scenario scenario : scenarios()) {
                if (!operations.contains(scenario.key())) {
                    continue;
                }
                Map<Interface, LoadRunner.Result> results = new EnumMap<>(Interface.class);
                Map<Interface, Supplier<LoadRunner.Caller>> callers = scenario.callers(fixture);
                for (Interface via : Interface.values()) {
                    Supplier<LoadRunner.Caller> caller = callers.get(via);
                    if (caller == null) {
                        continue;
                    }
                    System.out.printf(Locale.ROOT, "%s via %s...%n", scenario.name(), via);
                    LoadRunner.Result result = runner.run(caller);
                    results.put(via, result);
                    System.out.printf(Locale.ROOT, "  %.0f/s, p50 %s ms, p99 %s ms, %d failed%s; CPU ms/op: platform %s,"
                            + " PostgreSQL %s, load %s%n", result.perSecond(),
                            LatencySummary.format(result.latency().p50()), LatencySummary.format(result.latency().p99()),
                            result.failures(), result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")",
                            cpu(result, ProcessCpu.PLATFORM), cpu(result, ProcessCpu.POSTGRES), cpu(result, ProcessCpu.LOAD));
                }
                rows.addAll(rows(scenario.name(), results));
            }
            report.table(List.of("operation", "via", "ops/s", "p50 ms", "p99 ms", "failed", "% of JDBC ops/s",
                    "× Directus", "gRPC / REST ops/s", "CPU ms/op: platform", "PostgreSQL", "load generator"), rows);
            report.paragraph("CPU ms/op: CPU time each group of processes used during the measured period (from"
                    + " /proc), divided by the operations done; the platform's includes its background work (outbox"
                    + " relay, timeline and webhook consumers), and is blank where the platform does not run in a JVM"
                    + " of its own. On a shared machine a rate moves with the neighbours' load; CPU per operation much less.");
            report.paragraph(batchRatios(rows));
            report.paragraph("Goals (issue 4): GET by id and create at least 15 × Directus (535 and 277 /s) and at least 20% (GET)"
                    + " and 40% (create) of raw JDBC in the same run; a filtered, sorted page of 60 from 1,000,000 rows at"
                    + " least 70% of raw JDBC with p99 at most 20 ms; a batch of 60 at least 10 times the records per second"
                    + " of single creates; gRPC at least 1.2 × REST. The page: `filter=employees[eq]:<random>` (about "
                    + "%d rows of %,d match) `order_by=name`, with `totalCount`; JDBC runs its SELECT and its count.".formatted(
                            Math.max(1, ids.size() / EMPLOYEE_VALUES), ids.size()));
            if (importRows > 0) {
                importRows(fixture, client, importRows);
            }
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + JDBC_OUTBOX);
            }
        } finally {
            channel.shutdownNow();
            rest.close();
        }
    }

    private static List<List<String>> rows(String operation, Map<Interface, LoadRunner.Result> results) {
        List<List<String>> rows = new ArrayList<>();
        LoadRunner.Result jdbc = results.get(Interface.JDBC);
        LoadRunner.Result rest = results.get(Interface.REST);
        for (Map.Entry<Interface, LoadRunner.Result> entry : results.entrySet()) {
            LoadRunner.Result result = entry.getValue();
            boolean api = entry.getKey() != Interface.JDBC;
            Double shareGoal = JDBC_SHARE_GOAL.get(operation);
            String share = api && jdbc != null
                    ? String.format(Locale.ROOT, "%.0f%%", 100 * result.perSecond() / jdbc.perSecond())
                            + (shareGoal == null ? "" : goal(result.perSecond() / jdbc.perSecond() >= shareGoal))
                    : "";
            Double directus = DIRECTUS_PER_SECOND.get(operation);
            String timesDirectus = api && directus != null
                    ? LatencySummary.ratio(result.perSecond(), directus) + goal(result.perSecond() >= 15 * directus)
                    : "";
            String grpcOverRest = entry.getKey() == Interface.GRPC && rest != null
                    ? LatencySummary.ratio(result.perSecond(), rest.perSecond()) + goal(result.perSecond() >= 1.2 * rest.perSecond())
                    : "";
            rows.add(List.of(operation, entry.getKey().name(), String.format(Locale.ROOT, "%.0f", result.perSecond()),
                    LatencySummary.format(result.latency().p50()), LatencySummary.format(result.latency().p99()),
                    Long.toString(result.failures()), share, timesDirectus, grpcOverRest,
                    cpu(result, ProcessCpu.PLATFORM), cpu(result, ProcessCpu.POSTGRES), cpu(result, ProcessCpu.LOAD)));
        }
        return rows;
    }

    /** The body every create of the benchmark sends: company {@code n} with 10 employees. */
    private static String companyJson(long n) {
        return "{\"name\":\"Company " + n + "\",\"employees\":10}";
    }

    /** {@link #companyJson} as a Struct. */
    private static Struct companyStruct(long n) {
        return Struct.newBuilder()
                .putFields("name", Value.newBuilder().setStringValue("Company " + n).build())
                .putFields("employees", Value.newBuilder().setNumberValue(10).build())
                .build();
    }

    private static String cpu(LoadRunner.Result result, String group) {
        Double millis = result.cpuMillisPerOperation(group);
        return millis == null ? "" : String.format(Locale.ROOT, "%.3f", millis);
    }

    private static String goal(boolean met) {
        return met ? " (met)" : " (NOT met)";
    }

    // ---- the operations ----

    /** GET /rest/companies/{id}, RecordService.Get, and the data API's SELECT of one live row. */
    static final class GetById implements Scenario {

        @Override
        public String name() {
            return "GET by id";
        }

        @Override
        public Map<Interface, Supplier<LoadRunner.Caller>> callers(Fixture fixture) {
            String sql = "SELECT * FROM " + fixture.qualifiedTable() + " WHERE \"id\" = ? AND \"deletedAt\" IS NULL";
            String base = fixture.platform().gatewayUrl() + "/rest/" + OBJECT + "/";
            return Map.of(
                    Interface.JDBC, () -> jdbcCaller(fixture, connection -> {
                        PreparedStatement select = connection.prepareStatement(sql);
                        return () -> {
                            select.setObject(1, UUID.fromString(fixture.randomId()));
                            try (ResultSet rs = select.executeQuery()) {
                                readRows(rs, 1);
                            }
                        };
                    }),
                    Interface.REST, () -> () -> fixture.rest().get(base + fixture.randomId()),
                    Interface.GRPC, () -> {
                        RecordServiceGrpc.RecordServiceBlockingStub stub = fixture.grpc();
                        return () -> stub.get(GetRecordRequest.newBuilder().setObject(OBJECT).setId(fixture.randomId())
                                .setEncoding(fixture.encoding()).build());
                    });
        }
    }

    /**
     * POST /rest/companies, RecordService.Create, and the data API's INSERT (the same columns: the body's, the
     * createdBy and updatedBy actor, the position from the statement time) RETURNING *, with the outbox row of its event.
     */
    static final class CreateOne implements Scenario {

        @Override
        public String name() {
            return "create one";
        }

        @Override
        public Map<Interface, Supplier<LoadRunner.Caller>> callers(Fixture fixture) {
            String table = fixture.qualifiedTable();
            List<String> columns = new ArrayList<>(List.of("\"name\"", "\"employees\""));
            fixture.actorColumns().forEach(column -> columns.add(SqlIdentifiers.quote(column)));
            List<String> values = new ArrayList<>(columns.stream().map(c -> "?").toList());
            columns.add("\"position\"");
            values.add("(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 + 0 * 0.001)");
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values)
                    + ") RETURNING *";
            String uri = fixture.platform().gatewayUrl() + "/rest/" + OBJECT;
            return Map.of(
                    Interface.JDBC, () -> jdbcCaller(fixture, connection -> {
                        connection.setAutoCommit(false);
                        PreparedStatement insertRow = connection.prepareStatement(insert);
                        PreparedStatement insertEvent = connection.prepareStatement(OUTBOX_INSERT);
                        return () -> {
                            insertRow.setString(1, "Company " + fixture.sequence().incrementAndGet());
                            insertRow.setInt(2, 10);
                            for (int i = 0; i < fixture.actorValues().size(); i++) {
                                insertRow.setString(i + 3, fixture.actorValues().get(i));
                            }
                            try (ResultSet rs = insertRow.executeQuery()) {
                                addOutboxRow(insertEvent, fixture, readRows(rs, 1).getFirst());
                            }
                            insertEvent.executeBatch();
                            connection.commit();
                        };
                    }),
                    Interface.REST, () -> () -> fixture.rest().post(uri, companyJson(fixture.sequence().incrementAndGet())),
                    Interface.GRPC, () -> {
                        RecordServiceGrpc.RecordServiceBlockingStub stub = fixture.grpc();
                        return () -> {
                            long n = fixture.sequence().incrementAndGet();
                            CreateRecordRequest.Builder request = CreateRecordRequest.newBuilder().setObject(OBJECT)
                                    .setEncoding(fixture.encoding());
                            if (fixture.json()) {
                                request.setJson(ByteString.copyFromUtf8(companyJson(n)));
                            } else {
                                request.setData(companyStruct(n));
                            }
                            stub.create(request.build());
                        };
                    });
        }
    }

    /**
     * POST /rest/batch/companies with 60 records, RecordService.CreateMany, and one multi-row INSERT of 60 RETURNING
     * the rows, with the 60 outbox rows of their events, in one transaction. One operation is one batch.
     */
    static final class BatchCreate implements Scenario {

        @Override
        public String name() {
            return "batch of 60";
        }

        @Override
        public Map<Interface, Supplier<LoadRunner.Caller>> callers(Fixture fixture) {
            String table = fixture.qualifiedTable();
            List<String> columns = new ArrayList<>(List.of("\"name\"", "\"employees\""));
            fixture.actorColumns().forEach(column -> columns.add(SqlIdentifiers.quote(column)));
            columns.add("\"position\"");
            List<String> tuples = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                List<String> values = new ArrayList<>(fixture.actorColumns().stream().map(c -> "?").toList());
                values.addAll(0, List.of("?", "?"));
                values.add("(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 + " + i + " * 0.001)");
                tuples.add("(" + String.join(", ", values) + ")");
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                    + String.join(", ", tuples) + " RETURNING *";
            String uri = fixture.platform().gatewayUrl() + "/rest/batch/" + OBJECT;
            return Map.of(
                    Interface.JDBC, () -> jdbcCaller(fixture, connection -> {
                        connection.setAutoCommit(false);
                        PreparedStatement insertRows = connection.prepareStatement(insert);
                        PreparedStatement insertEvents = connection.prepareStatement(OUTBOX_INSERT);
                        return () -> {
                            int parameter = 1;
                            for (int i = 0; i < BATCH; i++) {
                                insertRows.setString(parameter++, "Company " + fixture.sequence().incrementAndGet());
                                insertRows.setInt(parameter++, 10);
                                for (String actor : fixture.actorValues()) {
                                    insertRows.setString(parameter++, actor);
                                }
                            }
                            try (ResultSet rs = insertRows.executeQuery()) {
                                for (Struct after : readRows(rs, BATCH)) {
                                    addOutboxRow(insertEvents, fixture, after);
                                }
                            }
                            insertEvents.executeBatch();
                            connection.commit();
                        };
                    }),
                    Interface.REST, () -> () -> {
                        StringBuilder body = new StringBuilder("[");
                        for (int i = 0; i < BATCH; i++) {
                            body.append(i == 0 ? "" : ",").append(companyJson(fixture.sequence().incrementAndGet()));
                        }
                        fixture.rest().post(uri, body.append(']').toString());
                    },
                    Interface.GRPC, () -> {
                        RecordServiceGrpc.RecordServiceBlockingStub stub = fixture.grpc();
                        return () -> {
                            CreateRecordsRequest.Builder request = CreateRecordsRequest.newBuilder().setObject(OBJECT)
                                    .setEncoding(fixture.encoding());
                            for (int i = 0; i < BATCH; i++) {
                                long n = fixture.sequence().incrementAndGet();
                                if (fixture.json()) {
                                    request.addJsonRecords(ByteString.copyFromUtf8(companyJson(n)));
                                } else {
                                    request.addRecords(companyStruct(n));
                                }
                            }
                            stub.createMany(request.build());
                        };
                    });
        }
    }

    /**
     * GET /rest/companies?filter=employees[eq]:k&order_by=name&limit=60, RecordService.List, and the page query the
     * data API runs (the page with its cursor columns, then the count of every match for totalCount).
     */
    static final class FilteredPage implements Scenario {

        @Override
        public String name() {
            return "page of 60";
        }

        @Override
        public Map<Interface, Supplier<LoadRunner.Caller>> callers(Fixture fixture) {
            String table = fixture.qualifiedTable();
            String where = " WHERE \"deletedAt\" IS NULL AND \"employees\" = ?";
            String page = "SELECT *, CAST(\"name\" AS text) AS \"__cursor0\", CAST(\"id\" AS text) AS \"__cursor1\" FROM "
                    + table + where + " ORDER BY \"name\" ASC NULLS FIRST, \"id\" ASC LIMIT 61";
            String count = "SELECT count(*) FROM " + table + where;
            String base = fixture.platform().gatewayUrl() + "/rest/" + OBJECT + "?order_by=name&limit=60&filter=";
            return Map.of(
                    Interface.JDBC, () -> jdbcCaller(fixture, connection -> {
                        PreparedStatement select = connection.prepareStatement(page);
                        PreparedStatement counting = connection.prepareStatement(count);
                        return () -> {
                            int employees = ThreadLocalRandom.current().nextInt(EMPLOYEE_VALUES);
                            select.setInt(1, employees);
                            try (ResultSet rs = select.executeQuery()) {
                                readRows(rs, -1);
                            }
                            counting.setInt(1, employees);
                            try (ResultSet rs = counting.executeQuery()) {
                                rs.next();
                            }
                        };
                    }),
                    Interface.REST, () -> () -> fixture.rest().get(base + java.net.URLEncoder.encode("employees[eq]:"
                            + ThreadLocalRandom.current().nextInt(EMPLOYEE_VALUES), java.nio.charset.StandardCharsets.UTF_8)),
                    Interface.GRPC, () -> {
                        RecordServiceGrpc.RecordServiceBlockingStub stub = fixture.grpc();
                        return () -> stub.list(ListRecordsRequest.newBuilder().setObject(OBJECT).setLimit(60)
                                .setOrderBy("name").setFilter("employees[eq]:"
                                        + ThreadLocalRandom.current().nextInt(EMPLOYEE_VALUES))
                                .setEncoding(fixture.encoding()).build());
                    });
        }
    }

    /**
     * Imports {@code rows} companies as CSV through POST /rest/imports/companies (request to COMPLETED, with the
     * job's events in the outbox), then COPYs the same rows into the table through JDBC, and reports both rates.
     */
    private void importRows(Fixture fixture, PlatformClient client, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("name,employees\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Imported ").append(i).append(',').append(i % EMPLOYEE_VALUES).append('\n');
        }
        byte[] body = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "import of %,d rows via REST...%n", rows);
        long started = System.nanoTime();
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fixture.platform().gatewayUrl() + "/rest/imports/" + OBJECT))
                .header("Authorization", "Bearer " + fixture.token()).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() / 100 != 2) {
            throw new IllegalStateException("Import refused: HTTP " + accepted.statusCode() + ": " + accepted.body());
        }
        String jobId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(accepted.body())
                .path("id").asString();
        JsonNode job;
        do {
            Thread.sleep(200);
            job = client.get("/rest/imports/" + jobId, fixture.token()).orThrow();
        } while (!List.of("COMPLETED", "FAILED").contains(job.path("status").asString()));
        double restSeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(Locale.ROOT, "import of %,d rows via JDBC COPY...%n", rows);
        double copySeconds;
        try (Connection connection = fixture.platform().connect()) {
            long copyStarted = System.nanoTime();
            new org.postgresql.copy.CopyManager(connection.unwrap(org.postgresql.core.BaseConnection.class)).copyIn(
                    "COPY " + fixture.qualifiedTable() + " (\"name\", \"employees\") FROM STDIN WITH (FORMAT csv, HEADER true)",
                    new java.io.ByteArrayInputStream(body));
            copySeconds = (System.nanoTime() - copyStarted) / 1e9;
        }
        double restRate = rows / restSeconds;
        double copyRate = rows / copySeconds;
        report.heading("Import")
                .paragraph(("%,d companies as CSV (`name,employees`). REST: `POST /rest/imports/companies`, from the request"
                        + " to the job's `COMPLETED` (polled every 200 ms), the rows written through COPY in chunks with their"
                        + " record events in the outbox. JDBC: one `COPY ... FROM STDIN` of the same bytes, no events.")
                        .formatted(rows))
                .table(List.of("via", "status", "rows done", "rejected", "seconds", "rows/s", "% of COPY"), List.of(
                        List.of("REST", job.path("status").asString(), job.path("rowsDone").asString(),
                                job.path("rowsRejected").asString(), String.format(Locale.ROOT, "%.1f", restSeconds),
                                String.format(Locale.ROOT, "%.0f", restRate),
                                String.format(Locale.ROOT, "%.0f%%; goal 50,000 rows/s:", 100 * restRate / copyRate)
                                        + goal(restRate >= 50_000)),
                        List.of("JDBC COPY", "", Integer.toString(rows), "0", String.format(Locale.ROOT, "%.1f", copySeconds),
                                String.format(Locale.ROOT, "%.0f", copyRate), "")));
    }

    /** Records per second of a batch of 60 against single creates, per interface. */
    private static String batchRatios(List<List<String>> rows) {
        List<String> parts = new ArrayList<>();
        for (Interface via : Interface.values()) {
            Double single = opsPerSecond(rows, "create one", via);
            Double batch = opsPerSecond(rows, "batch of 60", via);
            if (single != null && batch != null && single > 0) {
                double ratio = batch * BATCH / single;
                parts.add(String.format(Locale.ROOT, "%s %.0f records/s, %.1f × single creates%s", via, batch * BATCH,
                        ratio, goal(ratio >= 10)));
            }
        }
        return "Batch of 60 in records per second: " + String.join("; ", parts) + ".";
    }

    private static Double opsPerSecond(List<List<String>> rows, String operation, Interface via) {
        return rows.stream().filter(row -> row.get(0).equals(operation) && row.get(1).equals(via.name()))
                .map(row -> Double.parseDouble(row.get(2))).findFirst().orElse(null);
    }

    // ---- JDBC helpers ----

    /**
     * Where the JDBC writes put their outbox rows: a table like the data API's outbox (same columns, indexes and id
     * sequence), so the insert costs the same, but which no relay reads. Rows put in the real outbox were relayed and
     * handled by the platform's consumers during the next interface's measurement, charging it for JDBC's events.
     */
    private static final String JDBC_OUTBOX = "core.\"benchmarkRecordOutbox\"";

    private static final String OUTBOX_INSERT = "INSERT INTO " + JDBC_OUTBOX + " (\"eventId\", \"topic\", \"key\","
            + " \"eventType\", \"payload\") VALUES (?, ?, ?, ?, ?)";

    /** Adds to the batch of {@code insertEvents} the outbox row of the created event of {@code after}. */
    private static void addOutboxRow(PreparedStatement insertEvents, Fixture fixture, Struct after) throws SQLException {
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        RecordChanged event = RecordChanged.newBuilder()
                .setEventId(eventId.toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(fixture.workspaceId())
                .setObjectNameSingular(TABLE)
                .setObjectNamePlural(OBJECT)
                .setRecordId(after.getFieldsOrThrow("id").getStringValue())
                .setAction(RecordAction.RECORD_ACTION_CREATED)
                .setAfter(after)
                .build();
        insertEvents.setObject(1, eventId);
        insertEvents.setString(2, Topics.RECORD_CHANGES);
        insertEvents.setString(3, fixture.workspaceId());
        insertEvents.setString(4, event.getDescriptorForType().getFullName());
        insertEvents.setBytes(5, event.toByteArray());
        insertEvents.addBatch();
    }

    /** Every row as a Struct of text values; fails unless {@code expected} rows came (any number when negative). */
    private static List<Struct> readRows(ResultSet rs, int expected) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<Struct> rows = new ArrayList<>();
        while (rs.next()) {
            Struct.Builder row = Struct.newBuilder();
            for (int i = 1; i <= columns; i++) {
                String value = rs.getString(i);
                row.putFields(rs.getMetaData().getColumnLabel(i), value == null
                        ? Value.newBuilder().setNullValueValue(0).build() : Value.newBuilder().setStringValue(value).build());
            }
            rows.add(row.build());
        }
        if (expected >= 0 && rows.size() != expected) {
            throw new IllegalStateException("Expected " + expected + " rows, got " + rows.size());
        }
        return rows;
    }

    private interface JdbcSetup {
        LoadRunner.Caller prepare(Connection connection) throws SQLException;
    }

    /** A caller on its own connection, closed with it. */
    private static LoadRunner.Caller jdbcCaller(Fixture fixture, JdbcSetup setup) {
        try {
            Connection connection = fixture.platform().connect();
            LoadRunner.Caller caller = setup.prepare(connection);
            return new LoadRunner.Caller() {
                @Override
                public void call() throws Exception {
                    try {
                        caller.call();
                    } catch (SQLException e) {
                        if (!connection.getAutoCommit()) {
                            connection.rollback();
                        }
                        throw e;
                    }
                }

                @Override
                public void close() throws Exception {
                    connection.close();
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open a JDBC connection", e);
        }
    }

    /** Copies the template row until the table holds {@code records} rows, then VACUUM ANALYZE. */
    private static double copyTemplate(Connection connection, String schema, String table, String templateId, int records)
            throws SQLException {
        long started = System.nanoTime();
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? AND is_generated <> 'ALWAYS' ORDER BY ordinal_position""")) {
            query.setString(1, schema);
            query.setString(2, TABLE);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    columns.add(SqlIdentifiers.quote(column));
                    values.add(switch (column) {
                        case "id" -> "gen_random_uuid()";
                        case "name" -> "'Company ' || g";
                        case "position" -> "g";
                        case "employees" -> "g % " + EMPLOYEE_VALUES;
                        default -> "t." + SqlIdentifiers.quote(column);
                    });
                }
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM " + table + " AS t CROSS JOIN generate_series(?, ?) AS g WHERE t.\"id\" = ?::uuid";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int from = 1; from < records; from += 100_000) {
                insert.setInt(1, from);
                insert.setInt(2, Math.min(records - 1, from + 99_999));
                insert.setString(3, templateId);
                insert.executeUpdate();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) " + table);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static List<String> ids(Connection connection, String table) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT \"id\" FROM " + table + " WHERE \"deletedAt\" IS NULL")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return List.copyOf(ids);
    }

    /** The createdBy and updatedBy columns the data API writes on a create. */
    private static List<String> actorColumns(Connection connection, String schema) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? AND (column_name LIKE 'createdBy%' OR column_name LIKE 'updatedBy%')
                ORDER BY ordinal_position""")) {
            query.setString(1, schema);
            query.setString(2, TABLE);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return List.copyOf(columns);
    }

    /** The actor values the API wrote on the template, as text (bound as such; stringtype=unspecified). */
    private static List<String> actorValues(Connection connection, String table, String templateId, List<String> columns)
            throws SQLException {
        if (columns.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT "
                + String.join(", ", columns.stream().map(SqlIdentifiers::quote).toList())
                + " FROM " + table + " WHERE \"id\" = ?::uuid")) {
            query.setString(1, templateId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    values.add(rs.getString(i));
                }
                return values;
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
