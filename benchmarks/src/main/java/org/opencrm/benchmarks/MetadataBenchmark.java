package org.opencrm.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.opencrm.localstack.PlatformClient;
import org.opencrm.schema.ObjectTables;
import org.opencrm.schema.SqlIdentifiers;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Issue 3's benchmark: workspace provisioning (request to ACTIVE) over a series of workspaces, and schema changes
 * (a nullable field, a field with a constant default) on a table of many rows while inserts run. Everything a user
 * does goes through the gateway; only the bulk load of the rows and, with {@code --inserts jdbc}, the concurrent
 * inserts go to PostgreSQL directly. Run with {@code scripts/benchmark-metadata.sh}.
 */
public final class MetadataBenchmark {

    private static final Set<String> OPTIONS = union(BenchmarkPlatform.OPTIONS, Set.of(
            "workspaces", "series", "warmup", "rows", "threads", "inserts", "insert-rate", "baseline-seconds", "settle-seconds",
            "poll-ms", "repeat", "phases", "out"));
    private static final String PROVISIONING = "provisioning";
    private static final String SCHEMA_CHANGE = "schema-change";
    private static final String LOAD_OBJECT = "loadItem";
    private static final String LOAD_OBJECT_PLURAL = "loadItems";
    private static final int LOAD_BATCH = 100_000;
    private static final String NULLABLE_FIELD = "nullable TEXT field";
    private static final String DIRECT_ALTER = "direct SQL: ALTER TABLE ADD COLUMN text (nullable), no metadata";

    private final Options options;
    private final BenchmarkPlatform platform;
    private final Report report;
    private final int pollMillis;

    private MetadataBenchmark(Options options, BenchmarkPlatform platform, Report report) {
        this.options = options;
        this.platform = platform;
        this.report = report;
        this.pollMillis = options.integer("poll-ms", 5);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: scripts/benchmark-metadata.sh [--workspaces 200] [--series 2000] [--warmup 5]"
                    + " [--rows 1000000] [--threads 4] [--inserts jdbc|rest] [--insert-rate 2000] [--baseline-seconds 10] [--settle-seconds 3] [--repeat 3]"
                    + " [--poll-ms 5] [--phases provisioning,schema-change] [--out file]"
                    + " [--url http://localhost:8080 --jdbc-url jdbc:postgresql://... --worker-url http://localhost:8083]");
            System.exit(2);
            return;
        }
        Report report = new Report("metadata");
        Set<String> phases = Set.of(options.text("phases", PROVISIONING + "," + SCHEMA_CHANGE).split(","));
        int exitCode = 0;
        try (BenchmarkPlatform platform = BenchmarkPlatform.from(options, "in-process")) {
            quietPlatformLogs();
            MetadataBenchmark benchmark = new MetadataBenchmark(options, platform, report);
            report.paragraph("Platform: " + (options.text("url").isPresent() ? "running at " + platform.gatewayUrl()
                    : "started in this JVM (LocalPlatform: embedded PostgreSQL 18, in-process Kafka, the five services),"
                            + " load generator in the same JVM") + ". Every user step goes through the gateway over HTTP.");
            if (phases.contains(PROVISIONING)) {
                exitCode |= benchmark.guarded("Provisioning", benchmark::provisioning);
            }
            if (phases.contains(SCHEMA_CHANGE)) {
                exitCode |= benchmark.guarded("Schema change under load", benchmark::schemaChange);
            }
        }
        Path out = options.text("out").map(Path::of).orElse(report.defaultPath());
        report.write(out, System.getProperty("benchmark.command", "MetadataBenchmark " + String.join(" ", args)), options.given());
        System.exit(exitCode);
    }

    private interface Phase {
        void run() throws Exception;
    }

    /** Runs a phase; a failure is reported in the file and the others still run. */
    private int guarded(String name, Phase phase) {
        try {
            phase.run();
            return 0;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            report.heading(name + ": FAILED").paragraph("`" + e + "`");
            return 1;
        }
    }

    /** The services log every migration at INFO; the benchmark prints its own progress instead. */
    private static void quietPlatformLogs() {
        if (LoggerFactory.getLogger("org.opencrm") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    // ---- a and b: provisioning ----

    private void provisioning() throws SQLException {
        int measured = options.integer("workspaces", 200);
        int series = Math.max(measured, options.integer("series", 2000));
        int warmup = options.integer("warmup", 5);
        Gateway user = new Gateway(platform.gatewayUrl()).signUp();

        long[] warm = new long[warmup];
        for (int i = 0; i < warmup; i++) {
            warm[i] = user.provision("Warm-up " + i, pollMillis).nanos();
        }
        long[] durations = new long[series];
        long started = System.nanoTime();
        for (int i = 0; i < series; i++) {
            durations[i] = user.provision("Bench " + i, pollMillis).nanos();
            if ((i + 1) % 100 == 0) {
                System.out.printf(Locale.ROOT, "provisioned %d/%d, last 100 p50 %s ms%n", i + 1, series,
                        LatencySummary.format(LatencySummary.ofNanos(Arrays.copyOfRange(durations, i - 99, i + 1)).p50()));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        LatencySummary warmSummary = LatencySummary.ofNanos(warm);
        LatencySummary first = LatencySummary.ofNanos(Arrays.copyOfRange(durations, 0, measured));
        report.heading("a. Provisioning time, request to ACTIVE")
                .paragraph(("One user signs up, then creates workspaces one after another: POST /rest/metadata/workspaces,"
                        + " then GET /rest/metadata/workspaces/{id} every %d ms until activationStatus is ACTIVE; the time is"
                        + " from sending the POST to receiving the first ACTIVE answer, on the client. %d warm-ups first,"
                        + " reported apart. Goal: p50 at most 300 ms.").formatted(pollMillis, warmup))
                .table(List.of("workspaces", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms", "goal p50 ≤ 300 ms"),
                        List.of(summaryRow("warm-ups", warmSummary, ""),
                                summaryRow("first " + measured + " after the warm-ups", first, first.p50() <= 300 ? "met" : "NOT met")));

        if (series >= 200) {
            LatencySummary head = LatencySummary.ofNanos(Arrays.copyOfRange(durations, 0, 100));
            LatencySummary tail = LatencySummary.ofNanos(Arrays.copyOfRange(durations, series - 100, series));
            String p50Ratio = LatencySummary.ratio(tail.p50(), head.p50());
            String p95Ratio = LatencySummary.ratio(tail.p95(), head.p95());
            boolean met = tail.p50() <= 1.5 * head.p50() && tail.p95() <= 1.5 * head.p95();
            report.heading("b. " + series + " workspaces in a row on one PostgreSQL")
                    .paragraph(("The same series continued (its first %d are the sample of a), %.0f s in all, %.1f workspaces/s."
                            + " Goal: the last 100 at most 1.5 times slower than the first 100.").formatted(measured, seconds, series / seconds))
                    .table(List.of("workspaces", "p50 ms", "p95 ms", "max ms"), List.of(
                            List.of("first 100 (1-100)", LatencySummary.format(head.p50()), LatencySummary.format(head.p95()), LatencySummary.format(head.max())),
                            List.of("last 100 (" + (series - 99) + "-" + series + ")", LatencySummary.format(tail.p50()), LatencySummary.format(tail.p95()), LatencySummary.format(tail.max())),
                            List.of("ratio last / first", p50Ratio, p95Ratio, met ? "goal ≤ 1.5: met" : "goal ≤ 1.5: NOT met")));
            List<List<String>> blocks = new ArrayList<>();
            int block = series / 10;
            for (int from = 0; from + block <= series; from += block) {
                LatencySummary summary = LatencySummary.ofNanos(Arrays.copyOfRange(durations, from, from + block));
                blocks.add(List.of((from + 1) + "-" + (from + block), LatencySummary.format(summary.p50()),
                        LatencySummary.format(summary.p95()), LatencySummary.format(summary.max())));
            }
            report.paragraph("The series in tenths:").table(List.of("workspaces", "p50 ms", "p95 ms", "max ms"), blocks);
        }
        if (platform.hasJdbc()) {
            try (Connection connection = platform.connect(); Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("""
                            SELECT (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'workspace\\_%') AS schemas,
                                   (SELECT count(*) FROM pg_class) AS relations,
                                   pg_size_pretty(pg_database_size(current_database())) AS size""")) {
                rs.next();
                report.paragraph("PostgreSQL at the end of the series: %d workspace schemas, %d relations in pg_class, database size %s."
                        .formatted(rs.getLong("schemas"), rs.getLong("relations"), rs.getString("size")));
            }
        }
    }

    private static List<String> summaryRow(String label, LatencySummary s, String goal) {
        return List.of(label, Long.toString(s.count()), LatencySummary.format(s.p50()), LatencySummary.format(s.p95()),
                LatencySummary.format(s.p99()), LatencySummary.format(s.max()), LatencySummary.format(s.mean()), goal);
    }

    // ---- c: schema change under load ----

    /** One schema change and when it happened (nanoTime), with what the worker and the catalog said of it. */
    private record Change(String kind, int round, long requested, long applied, long windowEnd, double workerMillis,
            double statementMillis, boolean rewritten, Set<String> waitedOn) {

        String name() {
            return kind + " (" + round + ")";
        }
    }

    private void schemaChange() throws Exception {
        int rows = options.integer("rows", 1_000_000);
        int threads = Math.max(1, options.integer("threads", 4));
        String mode = options.text("inserts", "jdbc");
        if (!mode.equals("jdbc") && !mode.equals("rest")) {
            throw new IllegalArgumentException("--inserts must be jdbc or rest, was: " + mode);
        }
        int insertRate = Math.max(0, options.integer("insert-rate", 2_000));
        int baselineSeconds = Math.max(1, options.integer("baseline-seconds", 10));
        int settleSeconds = options.integer("settle-seconds", 3);
        int repeat = Math.max(1, options.integer("repeat", 3));

        Gateway user = new Gateway(platform.gatewayUrl()).signUp();
        PlatformClient client = user.client();
        Gateway.Workspace workspace = user.provision("Schema change", pollMillis);
        String token = user.workspaceToken(workspace.id());
        String objectId = client.post("/rest/metadata/objects", token, Map.of(
                        "nameSingular", LOAD_OBJECT, "namePlural", LOAD_OBJECT_PLURAL,
                        "labelSingular", "Load item", "labelPlural", "Load items"))
                .orThrow().path("data").path("createOneObject").path("id").asString();
        user.awaitApplied("/rest/metadata/objects/" + objectId, "object", token, pollMillis);
        warmUpWorker(user, token, objectId);
        String templateId = Gateway.retry(() -> client.post("/rest/" + LOAD_OBJECT_PLURAL, token, Map.of("name", "template")))
                .path("data").path("createLoadItem").path("id").asString();

        String schema = workspace.schemaName();
        String tableName = ObjectTables.tableName(LOAD_OBJECT, true);
        String table = SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(tableName);
        double loadSeconds = bulkLoad(schema, tableName, table, templateId, rows);

        // Tokens live 30 minutes: take a fresh one after the load.
        String loadToken = user.workspaceToken(workspace.id());
        List<SampleLog> logs = new ArrayList<>();
        List<Thread> inserters = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        InsertLoad jdbcLoad = null;
        if (mode.equals("jdbc")) {
            jdbcLoad = InsertLoad.start(platform.insertLoad(directInsert(schema, tableName, table),
                    templateValues(schema, tableName, table, templateId), threads, insertRate));
        } else {
            AtomicLong sequence = new AtomicLong();
            for (int i = 0; i < threads; i++) {
                SampleLog log = new SampleLog();
                logs.add(log);
                Pacer pacer = Pacer.sharing(insertRate, threads);
                inserters.add(Thread.ofPlatform().name("inserter-" + i)
                        .start(() -> restInserts(client, loadToken, pacer, log, stop, sequence)));
            }
        }

        WorkerMigrationTimer timer = new WorkerMigrationTimer(platform.workerUrl());
        List<Change> changes = new ArrayList<>();
        try {
            Gateway.pause(2_000); // let the inserters settle in (connections, JIT) before any window
            for (int round = 1; round <= repeat; round++) {
                Change nullable = fieldThroughApi(NULLABLE_FIELD, round, Map.of(
                        "objectMetadataId", objectId, "name", "note" + round, "label", "Note " + round, "type", "TEXT"),
                        user, token, timer, schema, tableName, baselineSeconds, settleSeconds);
                changes.add(nullable);
                changes.add(fieldThroughApi("TEXT field with the constant default 'standard'", round, Map.of(
                        "objectMetadataId", objectId, "name", "tier" + round, "label", "Tier " + round, "type", "TEXT",
                        "defaultValue", "'standard'"), user, token, timer, schema, tableName, baselineSeconds, settleSeconds));
                changes.add(directAlter(round, nullable.windowEnd() - nullable.requested(), schema, tableName, table,
                        baselineSeconds, settleSeconds));
            }
        } finally {
            stop.set(true);
            for (Thread thread : inserters) {
                thread.join();
            }
            if (jdbcLoad != null) {
                logs.addAll(jdbcLoad.stop());
            }
        }
        reportSchemaChanges(rows, threads, mode, insertRate, loadSeconds, baselineSeconds, settleSeconds, logs, changes);
        report.paragraph("Indexes of the table: " + String.join("; ", indexes(schema, tableName)) + ".");
    }

    private List<String> indexes(String schema, String tableName) throws SQLException {
        try (Connection connection = platform.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname")) {
            query.setString(1, schema);
            query.setString(2, tableName);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    indexes.add("`" + rs.getString(1).replace(schema + ".", "") + "`");
                }
            }
            return indexes;
        }
    }

    /** Copies the template row {@code rows - 1} times with INSERT ... SELECT generate_series, then VACUUM ANALYZE. */
    private double bulkLoad(String schema, String tableName, String table, String templateId, int rows) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = platform.connect()) {
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (ColumnInfo column : columns(connection, schema, tableName)) {
                if (column.generated()) {
                    continue;
                }
                columns.add(SqlIdentifiers.quote(column.name()));
                values.add(switch (column.name()) {
                    case "id" -> "gen_random_uuid()";
                    case "name" -> "'load ' || g";
                    default -> "t." + SqlIdentifiers.quote(column.name());
                });
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                    + " FROM " + table + " AS t CROSS JOIN generate_series(?, ?) AS g WHERE t.\"id\" = ?::uuid";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int from = 1; from < rows; from += LOAD_BATCH) {
                    insert.setInt(1, from);
                    insert.setInt(2, Math.min(rows - 1, from + LOAD_BATCH - 1));
                    insert.setString(3, templateId);
                    insert.executeUpdate();
                    System.out.printf(Locale.ROOT, "loaded %d/%d rows%n", Math.min(rows, from + LOAD_BATCH), rows);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE) " + table);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private record ColumnInfo(String name, boolean nullable, boolean hasDefault, boolean generated) {
    }

    private static List<ColumnInfo> columns(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT column_name, is_nullable = 'YES' AS nullable, column_default IS NOT NULL AS has_default,
                       is_generated = 'ALWAYS' AS generated
                FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""")) {
            query.setString(1, schema);
            query.setString(2, table);
            List<ColumnInfo> columns = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
            return columns;
        }
    }

    /** The columns a direct insert must set: id, name, and every NOT NULL column without a default. */
    private static List<String> insertColumns(Connection connection, String schema, String tableName) throws SQLException {
        List<String> names = new ArrayList<>(List.of("id", "name"));
        for (ColumnInfo column : columns(connection, schema, tableName)) {
            if (!column.generated() && !column.nullable() && !column.hasDefault() && !names.contains(column.name())) {
                names.add(column.name());
            }
        }
        return names;
    }

    private String directInsert(String schema, String tableName, String table) throws SQLException {
        try (Connection connection = platform.connect()) {
            List<String> names = insertColumns(connection, schema, tableName);
            return "INSERT INTO " + table + " (" + String.join(", ", names.stream().map(SqlIdentifiers::quote).toList())
                    + ") VALUES (" + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        }
    }

    /** The template's values of the NOT NULL columns without default (after id and name), as text. */
    private List<String> templateValues(String schema, String tableName, String table, String templateId) throws SQLException {
        try (Connection connection = platform.connect()) {
            List<String> names = insertColumns(connection, schema, tableName);
            List<String> rest = names.subList(2, names.size());
            if (rest.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT "
                    + String.join(", ", rest.stream().map(SqlIdentifiers::quote).toList())
                    + " FROM " + table + " WHERE \"id\" = ?::uuid")) {
                query.setString(1, templateId);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= rest.size(); i++) {
                        values.add(rs.getString(i));
                    }
                    return values;
                }
            }
        }
    }

    private static void restInserts(PlatformClient client, String token, Pacer pacer, SampleLog log, AtomicBoolean stop,
            AtomicLong sequence) {
        while (!stop.get()) {
            Map<String, Object> body = Map.of("name", "live " + sequence.incrementAndGet());
            long started = pacer.awaitNext();
            try {
                PlatformClient.Response response = client.post("/rest/" + LOAD_OBJECT_PLURAL, token, body);
                if (response.ok()) {
                    log.record(started, System.nanoTime() - started);
                } else {
                    log.failed("HTTP " + response.status() + " " + response.body());
                }
            } catch (RuntimeException e) {
                log.failed(e.toString());
            }
        }
    }

    /**
     * A worker that has applied no ALTER TABLE yet spends its first one loading classes and interpreting code (171 ms
     * against 3 ms once warm, measured): three unmeasured fields on the still empty table first, as a long-running
     * worker would have done.
     */
    private void warmUpWorker(Gateway user, String token, String objectId) {
        for (int i = 1; i <= 3; i++) {
            String fieldId = user.client().post("/rest/metadata/fields", token, Map.of(
                            "objectMetadataId", objectId, "name", "warmUp" + i, "label", "Warm-up " + i, "type", "TEXT"))
                    .orThrow().path("data").path("createOneField").path("id").asString();
            user.awaitApplied("/rest/metadata/fields/" + fieldId, "field", token, pollMillis);
        }
    }

    /** Adds a field through the metadata API and waits until it is APPLIED. */
    private Change fieldThroughApi(String name, int round, Map<String, Object> field, Gateway user, String token,
            WorkerMigrationTimer timer, String schema, String tableName, int baselineSeconds, int settleSeconds)
            throws SQLException {
        Gateway.pause(baselineSeconds * 1_000L);
        long fileNode = relfilenode(schema, tableName);
        WorkerMigrationTimer.Reading before = timer.read();
        LockWaitMonitor monitor = new LockWaitMonitor(platform.connect());
        long requested = System.nanoTime();
        String migrationId = user.client().post("/rest/metadata/fields", token, field)
                .orThrow().path("data").path("createOneField").path("migrationId").asString();
        JsonNode migration = user.client().get("/rest/metadata/migrations/" + migrationId + "?waitSeconds=30", token)
                .orThrow().path("data").path("migration");
        long applied = System.nanoTime();
        if (!"APPLIED".equals(migration.path("status").asString())) {
            throw new IllegalStateException(name + " not applied: " + migration);
        }
        Set<String> waitedOn = monitor.stopAndGet();
        double workerMillis = timer.read().millisSince(before);
        boolean rewritten = relfilenode(schema, tableName) != fileNode;
        System.out.printf(Locale.ROOT, "%s: APPLIED after %.1f ms, worker %.1f ms%n", name, (applied - requested) / 1e6, workerMillis);
        Gateway.pause(settleSeconds * 1_000L);
        return new Change(name, round, requested, applied, applied + 1, workerMillis, Double.NaN, rewritten, waitedOn);
    }

    /**
     * The same kind of DDL sent straight to PostgreSQL on a connection opened beforehand, timed by the statement:
     * PostgreSQL's own cost. Its inserts are watched for as long as the change through the API of the same round
     * took ({@code windowNanos}): the sessions that insert pay for the new column after the statement ends too (each
     * rebuilds its cached description of the table), and windows of one length compare.
     */
    private Change directAlter(int round, long windowNanos, String schema, String tableName, String table,
            int baselineSeconds, int settleSeconds) throws SQLException {
        Gateway.pause(baselineSeconds * 1_000L);
        long fileNode = relfilenode(schema, tableName);
        try (Connection connection = platform.connect(); Statement statement = connection.createStatement()) {
            LockWaitMonitor monitor = new LockWaitMonitor(platform.connect());
            long requested = System.nanoTime();
            statement.execute("ALTER TABLE " + table + " ADD COLUMN \"benchDirect" + round + "\" text");
            long applied = System.nanoTime();
            Set<String> waitedOn = monitor.stopAndGet();
            boolean rewritten = relfilenode(schema, tableName) != fileNode;
            Gateway.pause(settleSeconds * 1_000L);
            return new Change(DIRECT_ALTER, round, requested, applied, requested + Math.max(windowNanos, applied - requested),
                    Double.NaN, (applied - requested) / 1e6, rewritten, waitedOn);
        }
    }

    private long relfilenode(String schema, String tableName) throws SQLException {
        try (Connection connection = platform.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT pg_relation_filenode(format('%I.%I', ?::text, ?::text)::regclass)")) {
            query.setString(1, schema);
            query.setString(2, tableName);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Before, during and after of one change, or of several pooled (each insert counted in its own change's windows). */
    private static List<String> latencyRow(String name, List<SampleLog> logs, List<Change> changes, long baselineNanos,
            int settleSeconds) {
        List<long[]> before = new ArrayList<>();
        List<long[]> during = new ArrayList<>();
        List<long[]> after = new ArrayList<>();
        for (Change change : changes) {
            before.add(new long[] {change.requested() - baselineNanos, change.requested()});
            during.add(new long[] {change.requested(), change.windowEnd()});
            after.add(new long[] {change.windowEnd(), change.windowEnd() + settleSeconds * 1_000_000_000L});
        }
        LatencySummary a = SampleLog.windows(logs, after);
        return latencyRow(name, SampleLog.windows(logs, before), SampleLog.windows(logs, during),
                a.count() + " / " + LatencySummary.format(a.p99()));
    }

    /** A row of the latency table: before and during as n / p50 / p99 / max, their ratios, after, the goal. */
    private static List<String> latencyRow(String name, LatencySummary before, LatencySummary during, String after) {
        return List.of(name, counted(before), counted(during),
                LatencySummary.ratio(during.p50(), before.p50()),
                LatencySummary.ratio(during.p99(), before.p99()),
                after,
                during.p99() <= 2 * before.p99() ? "met" : "NOT met");
    }

    private static String counted(LatencySummary latency) {
        return latency.count() + " / " + LatencySummary.format(latency.p50()) + " / " + LatencySummary.format(latency.p99())
                + " / " + LatencySummary.format(latency.max());
    }

    private static String pacing(int insertRate) {
        return insertRate <= 0
                ? "each as fast as it can (a closed loop: on 2 cores this measures CPU contention as much as locks)"
                : String.format(Locale.ROOT, "paced at %,d inserts/s in all (an open loop: each insert is due at a fixed"
                        + " interval, and its latency counts from when it was due, so a stall shows in every insert that fell"
                        + " due during it)", insertRate);
    }

    private void reportSchemaChanges(int rows, int threads, String mode, int insertRate, double loadSeconds, int baselineSeconds,
            int settleSeconds, List<SampleLog> logs, List<Change> changes) {
        long inserts = logs.stream().mapToLong(SampleLog::size).sum();
        long failures = logs.stream().mapToLong(SampleLog::failures).sum();
        String firstFailure = logs.stream().map(SampleLog::firstFailure).filter(java.util.Objects::nonNull).findFirst()
                .map(reason -> " First failure: `" + reason.replace('`', '\'').replace('\n', ' ') + "`.").orElse("");
        String how = mode.equals("jdbc")
                ? "direct JDBC from a JVM of their own (the platform's garbage collections and safepoints do not stop"
                        + " them), one single-row INSERT per statement (id, name and the NOT NULL columns without default; not"
                        + " the data API's position subquery), autocommit, each thread its own connection (isolates the DDL's"
                        + " locks from the data API's own work)"
                : "POST /rest/" + LOAD_OBJECT_PLURAL + " through the gateway (the data API's insert and its outbox row)";
        report.heading("c. Schema change on a table of " + String.format(Locale.ROOT, "%,d", rows) + " rows under insert load")
                .paragraph(("Custom object `%s` (table `_%s`), filled with %,d rows by INSERT ... SELECT generate_series on"
                        + " PostgreSQL in %.1f s, then VACUUM ANALYZE. %d threads insert continuously, %s; %s: %,d inserts, %d failed."
                        + "%s For each change: a baseline of %d s of inserts, then the change, then %d s more.")
                        .formatted(LOAD_OBJECT, LOAD_OBJECT, rows, loadSeconds, threads, pacing(insertRate), how, inserts,
                                failures, firstFailure, baselineSeconds, settleSeconds))
                .paragraph("DDL duration: for changes through the metadata API, migration-worker's `crm.worker.migrations`"
                        + " timer (its Prometheus sum before and after; from receiving the migration to committing the DDL,"
                        + " its ledger row and its outcome event in one transaction, so an upper bound of the DDL itself)."
                        + " Request → APPLIED: from sending POST /rest/metadata/fields to the answer of one"
                        + " GET /rest/metadata/migrations/{id}?waitSeconds=30, which the service gives once the migration has settled"
                        + " (no polling load during the change)."
                        + " The worker applied three unmeasured fields on the empty table first (warm-up). The direct-SQL row times the statement itself."
                        + " Rewritten: whether the table's relfilenode changed. The ALTER TABLE's ACCESS EXCLUSIVE lock is held until"
                        + " its transaction commits, so inserts queue behind the DDL for the rest of the worker's transaction; and while"
                        + " the ALTER waits for its lock, inserts queue behind it too. What it waited on is polled every 10 ms"
                        + " from pg_blocking_pids (a wait shorter than that may go unseen).");
        List<List<String>> ddl = new ArrayList<>();
        for (Change change : changes) {
            double ddlMillis = Double.isNaN(change.workerMillis()) ? change.statementMillis() : change.workerMillis();
            ddl.add(List.of(change.name(),
                    Double.isNaN(change.workerMillis()) ? "statement" : "worker timer",
                    LatencySummary.format(ddlMillis),
                    Double.isNaN(change.workerMillis()) ? "" : LatencySummary.format((change.applied() - change.requested()) / 1e6),
                    change.rewritten() ? "YES" : "no",
                    change.waitedOn().isEmpty() ? "none seen" : String.join("; ", change.waitedOn()).replace('|', '/'),
                    Double.isNaN(ddlMillis) ? "n/a" : ddlMillis < 100 ? "met" : "NOT met"));
        }
        report.table(List.of("change", "DDL measured by", "DDL ms", "request → APPLIED ms", "table rewritten",
                "the ALTER waited for a lock held by", "goal DDL < 100 ms"), ddl);

        long baseline = baselineSeconds * 1_000_000_000L;
        List<List<String>> latencies = new ArrayList<>();
        for (Change change : changes) {
            latencies.add(latencyRow(change.name(), logs, List.of(change), baseline, settleSeconds));
        }
        Map<String, List<Change>> byKind = new java.util.LinkedHashMap<>();
        changes.forEach(change -> byKind.computeIfAbsent(change.kind(), kind -> new ArrayList<>()).add(change));
        if (changes.size() > byKind.size()) {
            byKind.forEach((kind, rounds) -> latencies.add(latencyRow("**" + kind + ", all " + rounds.size() + " pooled**",
                    logs, rounds, baseline, settleSeconds)));
        }
        // The noise floor: windows as long as the changes' through the API, in the middle of their baselines, where
        // nothing changes. A p99 over a window of a hundred inserts is nearly its slowest insert.
        List<long[]> quietBefore = new ArrayList<>();
        List<long[]> quiet = new ArrayList<>();
        for (Change change : changes) {
            if (!Double.isNaN(change.workerMillis())) {
                long middle = change.requested() - baseline / 2;
                quietBefore.add(new long[] {change.requested() - baseline, change.requested()});
                quiet.add(new long[] {middle, middle + change.windowEnd() - change.requested()});
            }
        }
        if (!quiet.isEmpty()) {
            latencies.add(latencyRow("*control: no change, " + quiet.size() + " windows as long as the API changes', mid-baseline*",
                    SampleLog.windows(logs, quietBefore), SampleLog.windows(logs, quiet), ""));
        }
        report.paragraph("Insert latency (ms) by when the insert started: before = the " + baselineSeconds
                        + " s before the request; during = from the request to APPLIED (for direct SQL, from the statement's"
                        + " start for as long as the same round's nullable field took through the API);"
                        + " after = the " + settleSeconds + " s that follow.")
                .table(List.of("change", "before: n / p50 / p99 / max", "during: n / p50 / p99 / max", "p50 during / before",
                        "p99 during / before", "after: n / p99", "goal p99 ≤ 2× before"), latencies);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
