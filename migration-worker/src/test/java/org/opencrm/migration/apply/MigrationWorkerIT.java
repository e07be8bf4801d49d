package org.opencrm.migration.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.kafka.KafkaTestClient;
import org.opencrm.migration.MigrationWorkerApplication;
import org.opencrm.proto.Topics;
import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateSchema;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = MigrationWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + MigrationWorkerApplication.CONFIG_NAME,
            "crm.worker.ddl.lock-timeout=300ms",
            "crm.worker.ddl.attempts=5",
            "crm.worker.ddl.backoff=50ms",
            "crm.worker.listener.delivery-attempts=3",
            "crm.worker.listener.backoff=50ms",
            "crm.worker.listener.max-backoff=200ms"
        })
class MigrationWorkerIT {

    private static final String DATABASE_URL = TestInfrastructure.newDatabase();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final KafkaTestClient OUTCOMES = KafkaTestClient.connect(Topics.SCHEMA_APPLIED,
            Topics.SCHEMA_CHANGES_DEAD_LETTER);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE_URL);
    }

    @AfterAll
    static void closeKafkaClient() {
        OUTCOMES.close();
    }

    @Test
    void reportsItsHealthOnTheActuator() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void createsAStandardWorkspaceWithItsTablesEnumsForeignKeysAndIndexes() {
        UUID workspaceId = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspaceId);
        List<SchemaOperation> plan = SchemaPlans.createWorkspace();
        SchemaChangeRequested request = migration(workspaceId, plan);

        publish(request);
        SchemaChangeApplied outcome = awaitOutcome(request);

        assertThat(outcome.getSuccess()).as(outcome.getError()).isTrue();
        assertThat(outcome.getError()).isEmpty();
        assertThat(outcome.getWorkspaceId()).isEqualTo(workspaceId.toString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class, schema)).isOne();
        for (SchemaOperation operation : plan) {
            switch (operation.getOperationCase()) {
                case CREATE_TABLE -> assertThat(tableExists(schema, operation.getCreateTable().getTable()))
                        .as("table %s", operation.getCreateTable().getTable()).isTrue();
                case CREATE_ENUM_TYPE -> assertThat(enumLabels(schema, operation.getCreateEnumType().getTypeName()))
                        .containsExactlyElementsOf(operation.getCreateEnumType().getValuesList());
                case ADD_FOREIGN_KEY -> assertThat(deleteRule(schema, operation.getAddForeignKey().getTable(), operation.getAddForeignKey().getColumn()))
                        .isEqualTo(operation.getAddForeignKey().getOnDelete().name().substring("ON_DELETE_".length()).replace('_', ' '));
                case CREATE_INDEX -> assertIndex(schema, operation.getCreateIndex());
                default -> { }
            }
        }
        assertThat(enumLabels(schema, "opportunity_stage_enum")).containsExactly("NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER");
        assertThat(jdbc.queryForObject("INSERT INTO \"" + schema + "\".\"person\" (\"nameFirstName\", \"jobTitle\") VALUES ('Ada', 'Engineer')"
                + " RETURNING \"searchVector\"::text", String.class)).contains("'ada'", "'engineer'");
        assertThat(jdbc.queryForObject("SELECT \"success\" FROM core.\"appliedWorkspaceMigration\" WHERE \"migrationId\" = ?::uuid",
                Boolean.class, request.getMigrationId())).isTrue();
    }

    @Test
    void letsManyPeopleWithoutAnEmailExistButNotTwoWithTheSameOne() {
        UUID workspaceId = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspaceId);
        SchemaChangeRequested request = migration(workspaceId, SchemaPlans.createWorkspace());
        publish(request);
        assertThat(awaitOutcome(request).getSuccess()).isTrue();
        String insert = "INSERT INTO \"" + schema + "\".\"person\" (\"emailsPrimaryEmail\") VALUES (?)";

        jdbc.update("INSERT INTO \"" + schema + "\".\"person\" DEFAULT VALUES");
        jdbc.update("INSERT INTO \"" + schema + "\".\"person\" DEFAULT VALUES");
        jdbc.update(insert, "");
        jdbc.update(insert, "ada@example.com");

        assertThatThrownBy(() -> jdbc.update(insert, "ada@example.com"))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    @Test
    void keepsHostileNamesAndDefaultsAsData() {
        UUID workspaceId = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspaceId);
        String table = "evil\"; DROP SCHEMA core CASCADE; --";
        SchemaChangeRequested request = migration(workspaceId, List.of(
                createSchema(),
                operation(CreateEnumType.newBuilder().setTypeName("evil_enum").addValues("it's").addValues("ok")),
                operation(CreateTable.newBuilder().setTable(table)
                        .addColumns(textColumn("id").setType(ColumnType.COLUMN_TYPE_UUID).setPrimaryKey(true))
                        .addColumns(textColumn("deletedAt").setType(ColumnType.COLUMN_TYPE_TIMESTAMPTZ))
                        .addColumns(textColumn("note'); DROP TABLE x; --").setDefaultValue(ColumnDefault.newBuilder().setText("O'Brien \\n")))
                        .addColumns(textColumn("mood").setType(ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("evil_enum")
                                .setDefaultValue(ColumnDefault.newBuilder().setEnumValue("it's")))
                        .addColumns(textColumn("data").setType(ColumnType.COLUMN_TYPE_JSONB)
                                .setDefaultValue(ColumnDefault.newBuilder().setJson("{\"a\": \"'\"}")))),
                operation(CreateIndex.newBuilder().setTable(table).setName("uq_evil").addColumns("note'); DROP TABLE x; --")
                        .setUnique(true).setLiveRowsOnly(true))));

        publish(request);

        assertThat(awaitOutcome(request).getSuccess()).isTrue();
        assertThat(tableExists(schema, table)).isTrue();
        assertThat(jdbc.queryForObject("INSERT INTO \"" + schema + "\".\"evil\"\"; DROP SCHEMA core CASCADE; --\" (\"id\") VALUES (gen_random_uuid())"
                + " RETURNING \"note'); DROP TABLE x; --\" || '|' || \"mood\" || '|' || \"data\"::text", String.class))
                .isEqualTo("O'Brien \\n|it's|{\"a\": \"'\"}");
        assertIndex(schema, CreateIndex.newBuilder().setName("uq_evil").setUnique(true).setLiveRowsOnly(true).build());
    }

    @Test
    void appliesARedeliveredMigrationOnce() {
        UUID workspaceId = UUID.randomUUID();
        SchemaChangeRequested request = migration(workspaceId, List.of(createSchema()));
        SchemaChangeRequested sameMigrationNewEvent = request.toBuilder().setEventId(UUID.randomUUID().toString()).build();
        SchemaChangeRequested next = migration(workspaceId, List.of(operation(CreateTable.newBuilder().setTable("note")
                .addColumns(textColumn("id").setType(ColumnType.COLUMN_TYPE_UUID).setPrimaryKey(true)))));

        publish(request);
        publish(request);
        publish(sameMigrationNewEvent);
        publish(next);

        // The outcomes of one workspace arrive in order: once the last is there, the earlier ones are too.
        assertThat(awaitOutcome(next).getSuccess()).isTrue();
        assertThat(outcomes(request)).singleElement().satisfies(outcome -> assertThat(outcome.getSuccess()).isTrue());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM core.\"appliedWorkspaceMigration\" WHERE \"workspaceId\" = ?",
                Integer.class, workspaceId)).isEqualTo(2);
    }

    @Test
    void rollsBackAFailingMigrationWholeAndReportsWhyThenAppliesTheNext() {
        UUID workspaceId = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspaceId);
        SchemaChangeRequested failing = migration(workspaceId, List.of(
                createSchema(),
                operation(AddColumn.newBuilder().setTable("missing").setColumn(textColumn("name")))));
        SchemaChangeRequested next = migration(workspaceId, List.of(createSchema()));

        publish(failing);
        publish(next);

        SchemaChangeApplied failure = awaitOutcome(failing);
        assertThat(failure.getSuccess()).isFalse();
        assertThat(failure.getError()).isEqualTo("relation \"" + schema + ".missing\" does not exist");
        assertThat(jdbc.queryForObject("SELECT \"error\" FROM core.\"appliedWorkspaceMigration\" WHERE \"migrationId\" = ?::uuid AND NOT \"success\"",
                String.class, failing.getMigrationId())).isEqualTo(failure.getError());
        assertThat(awaitOutcome(next).getSuccess()).as("the next migration of the workspace").isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class, schema)).isOne();
    }

    @Test
    void recordsAMigrationItCannotRenderAsFailed() {
        UUID workspaceId = UUID.randomUUID();
        SchemaChangeRequested invalid = migration(workspaceId, List.of(createSchema(),
                operation(CreateTable.newBuilder().setTable("t").addColumns(textColumn("a").setType(ColumnType.COLUMN_TYPE_UNSPECIFIED)))));

        publish(invalid);

        SchemaChangeApplied failure = awaitOutcome(invalid);
        assertThat(failure.getSuccess()).isFalse();
        assertThat(failure.getError()).isEqualTo("operation 2 (create_table): column \"a\": has no known type");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class,
                WorkspaceSchemaName.of(workspaceId))).isZero();
    }

    @Test
    void recordsAMigrationOnAnotherWorkspacesSchemaAsFailedWithoutTouchingIt() {
        UUID workspaceId = UUID.randomUUID();
        UUID victimId = UUID.randomUUID();
        String victimSchema = WorkspaceSchemaName.of(victimId);
        SchemaChangeRequested trespassing = migration(workspaceId, List.of(createSchema())).toBuilder()
                .setSchemaName(victimSchema)
                .build();

        publish(trespassing);

        SchemaChangeApplied failure = awaitOutcome(trespassing);
        assertThat(failure.getSuccess()).isFalse();
        assertThat(failure.getError()).isEqualTo("schema \"" + victimSchema + "\" is not the schema of workspace " + workspaceId
                + ", which is \"" + WorkspaceSchemaName.of(workspaceId) + "\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname IN (?, ?)", Integer.class,
                victimSchema, WorkspaceSchemaName.of(workspaceId))).isZero();
    }

    @Test
    void retriesWhileATableIsLockedAndSucceedsOnceItIsFree() throws SQLException {
        UUID workspaceId = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspaceId);
        applyTableNote(workspaceId);
        SchemaChangeRequested addColumn = migration(workspaceId, List.of(
                operation(AddColumn.newBuilder().setTable("note").setColumn(textColumn("title")))));

        try (Connection locker = DriverManager.getConnection(DATABASE_URL, "postgres", "")) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE \"" + schema + "\".\"note\" IN ACCESS EXCLUSIVE MODE");
            }
            publish(addColumn);
            Set<Instant> triesSeen = new HashSet<>();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
                triesSeen.addAll(jdbc.queryForList("SELECT xact_start FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE%'", java.sql.Timestamp.class)
                        .stream().map(java.sql.Timestamp::toInstant).toList());
                return triesSeen.size() >= 2;
            });
            locker.rollback();
        }

        assertThat(awaitOutcome(addColumn).getSuccess()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = 'note'"
                + " AND column_name = 'title'", Integer.class, schema)).isOne();
    }

    @Test
    void recordsAMigrationThatNeverGetsItsLockAsFailed() throws SQLException {
        UUID workspaceId = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspaceId);
        applyTableNote(workspaceId);
        SchemaChangeRequested addColumn = migration(workspaceId, List.of(
                operation(AddColumn.newBuilder().setTable("note").setColumn(textColumn("title")))));

        SchemaChangeApplied failure;
        try (Connection locker = DriverManager.getConnection(DATABASE_URL, "postgres", "")) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE \"" + schema + "\".\"note\" IN ACCESS EXCLUSIVE MODE");
            }
            publish(addColumn);
            failure = awaitOutcome(addColumn);
            locker.rollback();
        }

        assertThat(failure.getSuccess()).isFalse();
        assertThat(failure.getError()).isEqualTo("canceling statement due to lock timeout (gave up after 5 tries)");
    }

    @Test
    void parksARecordWithoutUsableIdsOnTheDeadLetterTopic() {
        SchemaChangeRequested malformed = migration(UUID.randomUUID(), List.of(createSchema())).toBuilder()
                .setMigrationId("not-a-uuid")
                .build();

        publish(malformed);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deadLetters())
                .anySatisfy(record -> assertThat(record.value()).isEqualTo(malformed.toByteArray())));
    }

    @Test
    void parksARecordOnTheDeadLetterTopicWhenItsOutcomeCannotBeRecorded() {
        UUID workspaceId = UUID.randomUUID();
        SchemaChangeRequested request = migration(workspaceId, List.of(createSchema()));
        SchemaChangeRequested next = migration(workspaceId, List.of(createSchema()));

        jdbc.execute("ALTER TABLE core.\"appliedWorkspaceMigration\" RENAME TO \"appliedWorkspaceMigrationAway\"");
        try {
            publish(request);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deadLetters())
                    .anySatisfy(record -> assertThat(record.value()).isEqualTo(request.toByteArray())));
        } finally {
            jdbc.execute("ALTER TABLE core.\"appliedWorkspaceMigrationAway\" RENAME TO \"appliedWorkspaceMigration\"");
        }
        publish(next);

        assertThat(awaitOutcome(next).getSuccess()).as("the partition moved on").isTrue();
        assertThat(outcomes(request)).isEmpty();
    }

    private void applyTableNote(UUID workspaceId) {
        SchemaChangeRequested setup = migration(workspaceId, List.of(createSchema(),
                operation(CreateTable.newBuilder().setTable("note")
                        .addColumns(textColumn("id").setType(ColumnType.COLUMN_TYPE_UUID).setPrimaryKey(true)))));
        publish(setup);
        assertThat(awaitOutcome(setup).getSuccess()).isTrue();
    }

    private void publish(SchemaChangeRequested request) {
        kafka.send(Topics.SCHEMA_CHANGES, request.getWorkspaceId(), request.toByteArray()).join();
    }

    private static SchemaChangeApplied awaitOutcome(SchemaChangeRequested request) {
        return await().atMost(TIMEOUT).until(() -> outcomes(request), list -> !list.isEmpty()).getFirst();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters() {
        return OUTCOMES.records(Topics.SCHEMA_CHANGES_DEAD_LETTER);
    }

    private static List<SchemaChangeApplied> outcomes(SchemaChangeRequested request) {
        return OUTCOMES.records(Topics.SCHEMA_APPLIED, SchemaChangeApplied::parseFrom).stream()
                .map(ConsumerRecord::value)
                .filter(outcome -> outcome.getMigrationId().equals(request.getMigrationId()))
                .toList();
    }

    private boolean tableExists(String schema, String table) {
        return jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                Integer.class, schema, table) == 1;
    }

    private List<String> enumLabels(String schema, String type) {
        return jdbc.queryForList("""
                SELECT e.enumlabel FROM pg_enum e
                JOIN pg_type t ON t.oid = e.enumtypid
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typname = ?
                ORDER BY e.enumsortorder""", String.class, schema, type);
    }

    private String deleteRule(String schema, String table, String column) {
        return jdbc.queryForObject("""
                SELECT rc.delete_rule FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage kcu
                  ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
                JOIN information_schema.referential_constraints rc
                  ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name
                WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = ? AND tc.table_name = ? AND kcu.column_name = ?""",
                String.class, schema, table, column);
    }

    private void assertIndex(String schema, CreateIndex index) {
        String definition = jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
                String.class, schema, index.getName());
        assertThat(definition).as(index.getName()).startsWith(index.getUnique() ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
        assertThat(definition).contains(index.getMethod().name().substring("INDEX_METHOD_".length()).toLowerCase());
        if (index.getLiveRowsOnly()) {
            assertThat(definition).contains("\"deletedAt\" IS NULL");
        }
        for (String column : index.getSkipWhenEmptyList()) {
            assertThat(definition).contains("\"" + column + "\" <> ''::text");
        }
    }

    private static SchemaChangeRequested migration(UUID workspaceId, List<SchemaOperation> operations) {
        Instant now = Instant.now();
        return SchemaChangeRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSchemaVersion(Topics.EVENT_SCHEMA_VERSION)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setWorkspaceId(workspaceId.toString())
                .setMigrationId(UUID.randomUUID().toString())
                .setSchemaName(WorkspaceSchemaName.of(workspaceId))
                .addAllOperations(operations)
                .build();
    }

    private static SchemaOperation createSchema() {
        return SchemaOperation.newBuilder().setCreateSchema(CreateSchema.getDefaultInstance()).build();
    }

    private static SchemaOperation operation(CreateEnumType.Builder operation) {
        return SchemaOperation.newBuilder().setCreateEnumType(operation).build();
    }

    private static SchemaOperation operation(CreateTable.Builder operation) {
        return SchemaOperation.newBuilder().setCreateTable(operation).build();
    }

    private static SchemaOperation operation(AddColumn.Builder operation) {
        return SchemaOperation.newBuilder().setAddColumn(operation).build();
    }

    private static SchemaOperation operation(CreateIndex.Builder operation) {
        return SchemaOperation.newBuilder().setCreateIndex(operation).build();
    }

    private static Column.Builder textColumn(String name) {
        return Column.newBuilder().setName(name).setType(ColumnType.COLUMN_TYPE_TEXT).setNullable(true);
    }
}
