package org.opencrm.migration.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
import org.opencrm.proto.metadata.v1.AlterColumnType;
import org.opencrm.proto.metadata.v1.ChangeEnumValues;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateSchema;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.DefaultFunction;
import org.opencrm.proto.metadata.v1.EnumColumn;
import org.opencrm.proto.metadata.v1.Reconcile;
import org.opencrm.proto.metadata.v1.RenameColumn;
import org.opencrm.proto.metadata.v1.RenameTable;
import org.opencrm.proto.metadata.v1.SchemaChangeApplied;
import org.opencrm.proto.metadata.v1.SchemaChangeRequested;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SearchSource;
import org.opencrm.proto.metadata.v1.SearchSourceKind;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.StandardObjects;
import org.opencrm.schema.SystemFields;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Schema evolution applied to tables holding rows, on a real PostgreSQL through Kafka. */
@SpringBootTest(
        classes = MigrationWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=" + MigrationWorkerApplication.CONFIG_NAME,
            "crm.worker.ddl.concurrent-index-min-rows=1000",
            "crm.worker.listener.backoff=50ms",
            "crm.worker.listener.max-backoff=200ms",
            "crm.worker.parking.sweep-interval=500ms",
            "crm.worker.parking.max-wait=3s"
        })
class SchemaEvolutionIT {

    private static final String DATABASE_URL = TestInfrastructure.newDatabase();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KafkaTestClient OUTCOMES = KafkaTestClient.connect(Topics.SCHEMA_APPLIED);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE_URL);
    }

    @AfterAll
    static void closeKafkaClient() {
        OUTCOMES.close();
    }

    @Test
    void renamesATableAndAColumnKeepingEveryValueAndAppliesTheSamePlanAgainAsANoOp() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("deal", text("title")));
        jdbc.update("INSERT INTO \"" + schema + "\".deal (id, title) SELECT gen_random_uuid(), 'deal ' || n FROM generate_series(1, 50) n");
        List<SchemaOperation> rename = List.of(
                SchemaOperation.newBuilder().setRenameTable(RenameTable.newBuilder().setFrom("deal").setTo("opportunity")).build(),
                SchemaOperation.newBuilder().setRenameColumn(RenameColumn.newBuilder().setTable("opportunity").setFrom("title").setTo("name")).build());

        applied(workspace, rename);
        SchemaChangeApplied again = outcome(publish(migration(workspace, rename)));

        assertThat(again.getSuccess()).as(again.getError()).isTrue();
        assertThat(jdbc.queryForList("SELECT name FROM \"" + schema + "\".opportunity ORDER BY name", String.class))
                .hasSize(50).contains("deal 1", "deal 50");
        assertThat(jdbc.queryForObject("SELECT to_regclass(?)", String.class, schema + ".deal")).isNull();
    }

    @Test
    void renamingAnEnumValueRewritesTheRowsAndRemovingOneSetsTheReplacementOrNullArraysIncluded() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(),
                SchemaOperation.newBuilder().setCreateEnumType(CreateEnumType.newBuilder().setTypeName("deal_stage_enum")
                        .addValues("NEW").addValues("WON").addValues("LOST")).build(),
                table("deal", Column.newBuilder().setName("stage").setType(ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("deal_stage_enum")
                                .setNullable(true).setDefaultValue(ColumnDefault.newBuilder().setEnumValue("NEW")),
                        Column.newBuilder().setName("tags").setType(ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("deal_stage_enum")
                                .setArray(true).setNullable(true)));
        jdbc.update("INSERT INTO \"" + schema + "\".deal (id, stage, tags) VALUES (gen_random_uuid(), 'NEW', '{NEW,LOST}'),"
                + " (gen_random_uuid(), 'WON', '{WON}'), (gen_random_uuid(), 'LOST', '{LOST,WON}')");
        EnumColumn stage = EnumColumn.newBuilder().setTable("deal").setColumn("stage")
                .setDefaultValue(ColumnDefault.newBuilder().setEnumValue("OPEN")).build();
        EnumColumn tags = EnumColumn.newBuilder().setTable("deal").setColumn("tags").setArray(true).build();

        applied(workspace, enumChange(ChangeEnumValues.newBuilder().setTypeName("deal_stage_enum")
                .addValues("OPEN").addValues("WON").addValues("LOST").putRenamed("NEW", "OPEN").addColumns(stage).addColumns(tags)));
        assertThat(rows(schema)).containsExactly("LOST {LOST,WON}", "OPEN {OPEN,LOST}", "WON {WON}");

        applied(workspace, enumChange(ChangeEnumValues.newBuilder().setTypeName("deal_stage_enum")
                .addValues("OPEN").addValues("WON").setReplacement("OPEN").addColumns(stage).addColumns(tags)));
        assertThat(rows(schema)).containsExactly("OPEN {OPEN,OPEN}", "OPEN {OPEN,WON}", "WON {WON}");

        applied(workspace, enumChange(ChangeEnumValues.newBuilder().setTypeName("deal_stage_enum")
                .addValues("WON").addColumns(stage.toBuilder().clearDefaultValue()).addColumns(tags)));
        assertThat(rows(schema)).containsExactlyInAnyOrder("WON {WON}", "null {}", "null {WON}");
        assertThat(enumLabels(schema, "deal_stage_enum")).containsExactly("WON");

        // A value added and made the default in one migration: PostgreSQL forbids using a value ADD VALUE created in
        // the same transaction, so this one goes through a new type.
        applied(workspace, enumChange(ChangeEnumValues.newBuilder().setTypeName("deal_stage_enum").addValues("WON").addValues("NEW")
                .addColumns(stage.toBuilder().setDefaultValue(ColumnDefault.newBuilder().setEnumValue("NEW"))).addColumns(tags)));
        assertThat(enumLabels(schema, "deal_stage_enum")).containsExactly("WON", "NEW");
        assertThat(jdbc.queryForObject("INSERT INTO \"" + schema + "\".deal (id) VALUES (gen_random_uuid()) RETURNING stage::text", String.class))
                .isEqualTo("NEW");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = ?", Integer.class, schema)).as("no type left aside").isEqualTo(
                jdbc.queryForObject("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE n.nspname = ? AND t.typname NOT LIKE '%_old'", Integer.class, schema));
    }

    @Test
    void aTypeConversionConvertsOrFailsTheWholeMigrationLeavingTheSchemaUntouched() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(),
                SchemaOperation.newBuilder().setCreateEnumType(CreateEnumType.newBuilder().setTypeName("deal_kind_enum")
                        .addValues("A").addValues("B")).build(),
                table("deal", text("kind"), Column.newBuilder().setName("amount").setType(ColumnType.COLUMN_TYPE_DOUBLE).setNullable(true)));
        jdbc.update("INSERT INTO \"" + schema + "\".deal (id, kind, amount) VALUES (gen_random_uuid(), 'A', 1.25), (gen_random_uuid(), 'C', 2)");

        applied(workspace, SchemaOperation.newBuilder().setAlterColumnType(AlterColumnType.newBuilder().setTable("deal").setColumn("amount")
                .setFromType(ColumnType.COLUMN_TYPE_DOUBLE).setTarget(Column.newBuilder().setType(ColumnType.COLUMN_TYPE_NUMERIC).setNullable(true))).build());
        SchemaChangeApplied refused = outcome(publish(migration(workspace, List.of(
                SchemaOperation.newBuilder().setRenameColumn(RenameColumn.newBuilder().setTable("deal").setFrom("amount").setTo("value")).build(),
                SchemaOperation.newBuilder().setAlterColumnType(AlterColumnType.newBuilder().setTable("deal").setColumn("kind")
                        .setFromType(ColumnType.COLUMN_TYPE_TEXT).setTarget(Column.newBuilder().setType(ColumnType.COLUMN_TYPE_ENUM)
                                .setEnumTypeName("deal_kind_enum").setNullable(true))).build()))));

        assertThat(jdbc.queryForList("SELECT amount::text FROM \"" + schema + "\".deal ORDER BY amount", String.class)).containsExactly("1.25", "2");
        assertThat(columnType(schema, "deal", "amount")).isEqualTo("numeric");
        assertThat(refused.getSuccess()).isFalse();
        assertThat(refused.getError()).contains("invalid input value for enum").contains("\"C\"");
        assertThat(columnType(schema, "deal", "kind")).as("conversion rolled back").isEqualTo("text");
        assertThat(columnType(schema, "deal", "amount")).as("the rename before it too").isEqualTo("numeric");
    }

    @Test
    void addsNullableColumnsAndConstantOrPerRowDefaultsWithoutRewritingTheTable() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("deal", text("title")));
        jdbc.update("INSERT INTO \"" + schema + "\".deal (id, title) SELECT gen_random_uuid(), 'x' FROM generate_series(1, 1000)");
        long before = relfilenode(schema, "deal");

        applied(workspace, addColumn("deal", text("note")),
                addColumn("deal", text("status").setNullable(false).setDefaultValue(ColumnDefault.newBuilder().setText("open"))),
                addColumn("deal", Column.newBuilder().setName("externalId").setType(ColumnType.COLUMN_TYPE_UUID).setNullable(true)
                        .setDefaultValue(ColumnDefault.newBuilder().setFunction(DefaultFunction.DEFAULT_FUNCTION_GEN_RANDOM_UUID))));

        assertThat(relfilenode(schema, "deal")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM \"" + schema + "\".deal WHERE status = 'open' AND \"externalId\" IS NULL",
                Integer.class)).isEqualTo(1000);
        assertThat(jdbc.queryForObject("INSERT INTO \"" + schema + "\".deal (id) VALUES (gen_random_uuid()) RETURNING \"externalId\" IS NOT NULL",
                Boolean.class)).as("new rows get the default").isTrue();
    }

    @Test
    void migrationsDeliveredOutOfOrderApplyInTheOrderTheyWereRequested() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        SchemaChangeApplied created = applied(workspace, createSchema(), table("deal", text("title")));
        // Requested in the order first, second, third; delivered third, second, first, as a failed send of the
        // first two would have them. Each needs the one before: a column, then its rename, then a second rename.
        SchemaChangeRequested first = migration(workspace, List.of(addColumn("deal", text("stage"))))
                .toBuilder().setPreviousMigrationId(created.getMigrationId()).build();
        SchemaChangeRequested second = migration(workspace, List.of(SchemaOperation.newBuilder().setRenameColumn(
                        RenameColumn.newBuilder().setTable("deal").setFrom("stage").setTo("phase")).build()))
                .toBuilder().setPreviousMigrationId(first.getMigrationId()).build();
        SchemaChangeRequested third = migration(workspace, List.of(SchemaOperation.newBuilder().setRenameColumn(
                        RenameColumn.newBuilder().setTable("deal").setFrom("phase").setTo("step")).build()))
                .toBuilder().setPreviousMigrationId(second.getMigrationId()).build();

        publish(third);
        publish(second);
        publish(first);

        for (SchemaChangeRequested request : List.of(first, second, third)) {
            SchemaChangeApplied outcome = outcome(request);
            assertThat(outcome.getSuccess()).as(outcome.getError()).isTrue();
        }
        assertThat(columns(schema, "deal")).containsExactly("id", "deletedAt", "title", "step");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM core.\"parkedWorkspaceMigration\" WHERE \"workspaceId\" = ?",
                Integer.class, workspace)).as("none left waiting").isZero();
        // Delivered again, each is already settled and changes nothing.
        publish(second);
        publish(first);
        applied(workspace, addColumn("deal", text("owner")));
        assertThat(columns(schema, "deal")).containsExactly("id", "deletedAt", "title", "step", "owner");
    }

    @Test
    void aMigrationWhosePredecessorNeverComesIsAppliedAfterTheLongestWait() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("deal", text("title")));
        SchemaChangeRequested orphan = migration(workspace, List.of(addColumn("deal", text("stage"))))
                .toBuilder().setPreviousMigrationId(UUID.randomUUID().toString()).build();
        long start = System.nanoTime();

        SchemaChangeApplied outcome = outcome(publish(orphan));

        assertThat(outcome.getSuccess()).as(outcome.getError()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(columns(schema, "deal")).containsExactly("id", "deletedAt", "title", "stage");
    }

    @Test
    void aCrashBetweenTheDdlAndItsCommitLeavesNothingAndTheRedeliveryAppliesItWhole() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("deal", text("title")));
        // The first transaction that wrote an outcome to the outbox fails at its commit, after its DDL ran, as a
        // lost connection would (a deferred constraint trigger fires at COMMIT): it rolls back whole and the
        // record is delivered again.
        jdbc.execute("CREATE SEQUENCE core.crash_once");
        jdbc.execute("""
                CREATE FUNCTION core.crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('core.crash_once') = 1 THEN RAISE EXCEPTION 'simulated crash' USING ERRCODE = '08006'; END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("CREATE CONSTRAINT TRIGGER crash_once AFTER INSERT ON core.\"workerOutbox\" DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION core.crash_once()");
        try {
            SchemaChangeRequested change = publish(migration(workspace, List.of(addColumn("deal", text("stage")),
                    addColumn("deal", text("owner")),
                    SchemaOperation.newBuilder().setRenameColumn(RenameColumn.newBuilder().setTable("deal").setFrom("title").setTo("name")).build())));

            assertThat(outcome(change).getSuccess()).isTrue();
        } finally {
            jdbc.execute("DROP TRIGGER crash_once ON core.\"workerOutbox\"");
        }
        assertThat(jdbc.queryForObject("SELECT nextval('core.crash_once')", Long.class)).as("the crash happened").isGreaterThan(2);
        assertThat(columns(schema, "deal")).containsExactly("id", "deletedAt", "name", "stage", "owner");
    }

    @Test
    void buildsAnIndexOnALargeTableConcurrentlyAndResumesABuildACrashInterrupted() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("deal", text("title"), text("code")));
        jdbc.update("INSERT INTO \"" + schema + "\".deal (id, title, code) SELECT gen_random_uuid(), 't' || n, 'c' || (n % 1500) FROM generate_series(1, 2000) n");
        jdbc.execute("ANALYZE \"" + schema + "\".deal");

        SchemaChangeApplied built = outcome(publish(migration(workspace, List.of(SchemaOperation.newBuilder().setCreateIndex(
                CreateIndex.newBuilder().setTable("deal").setName("idx_deal_title").addColumns("title")).build()))));
        assertThat(built.getSuccess()).as(built.getError()).isTrue();
        assertThat(indexValid(schema, "idx_deal_title")).isTrue();

        // A crash during the build of a unique index: its INVALID leftover, and the migration waiting for it.
        try {
            jdbc.execute("CREATE UNIQUE INDEX CONCURRENTLY uq_deal_code ON \"" + schema + "\".deal (code)");
        } catch (org.springframework.dao.DataAccessException expected) {
            // duplicates: the build fails and leaves the index INVALID, as an interrupted build does
        }
        assertThat(indexValid(schema, "uq_deal_code")).isFalse();
        jdbc.update("DELETE FROM \"" + schema + "\".deal WHERE title IN (SELECT 't' || n FROM generate_series(1501, 2000) n)");
        CreateIndex unique = CreateIndex.newBuilder().setTable("deal").setName("uq_deal_code").addColumns("code").setUnique(true).build();
        SchemaChangeRequested interrupted = migration(workspace, List.of(SchemaOperation.newBuilder().setCreateIndex(unique).build()));
        jdbc.update("INSERT INTO core.\"appliedWorkspaceMigration\" (\"migrationId\", \"workspaceId\", \"success\", \"pendingIndexes\")"
                + " VALUES (?::uuid, ?, true, ?)", interrupted.getMigrationId(), workspace,
                SchemaChangeRequested.newBuilder().addOperations(SchemaOperation.newBuilder().setCreateIndex(unique)).build().toByteArray());

        SchemaChangeApplied resumed = outcome(publish(interrupted));

        assertThat(resumed.getSuccess()).as(resumed.getError()).isTrue();
        assertThat(indexValid(schema, "uq_deal_code")).isTrue();
        assertThat(jdbc.queryForObject("SELECT \"pendingIndexes\" IS NULL FROM core.\"appliedWorkspaceMigration\" WHERE \"migrationId\" = ?::uuid",
                Boolean.class, interrupted.getMigrationId())).isTrue();
    }

    @Test
    void keepsTheMigrationAppliedAndNamesTheIndexesThatCouldNotBeBuiltAfterItsCommit() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("deal", text("title"), text("code")));
        jdbc.update("INSERT INTO \"" + schema + "\".deal (id, title, code) SELECT gen_random_uuid(), 't' || n, 'c' || (n % 10) FROM generate_series(1, 2000) n");
        jdbc.execute("ANALYZE \"" + schema + "\".deal");

        SchemaChangeApplied outcome = applied(workspace, addColumn("deal", text("stage")),
                SchemaOperation.newBuilder().setCreateIndex(CreateIndex.newBuilder().setTable("deal")
                        .setName("uq_deal_code").addColumns("code").setUnique(true)).build(),
                SchemaOperation.newBuilder().setCreateIndex(CreateIndex.newBuilder().setTable("deal")
                        .setName("idx_deal_title").addColumns("title")).build());

        assertThat(outcome.getSuccess()).as(outcome.getError()).isTrue();
        assertThat(outcome.getFailedIndexesList()).containsExactly("uq_deal_code");
        assertThat(outcome.getError()).startsWith("index uq_deal_code could not be built: ");
        assertThat(columns(schema, "deal")).contains("stage");
        assertThat(indexValid(schema, "idx_deal_title")).isTrue();
        assertThat(jdbc.queryForObject("SELECT \"success\" AND \"error\" IS NULL AND \"failedIndexes\" = ARRAY['uq_deal_code']"
                + " FROM core.\"appliedWorkspaceMigration\" WHERE \"migrationId\" = ?::uuid", Boolean.class,
                outcome.getMigrationId())).isTrue();
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class,
                "\"" + schema + "\".\"uq_deal_code\"")).as("no INVALID leftover").isTrue();
    }

    @Test
    void reconcilesAFreshStandardWorkspaceAgainstThePlanOfItsStoredMetadataWithoutDrift() {
        UUID workspace = UUID.randomUUID();
        applied(workspace, SchemaPlans.createWorkspace());
        // As metadata-service's StoredObjects rebuilds them: fields without the search fields, which come back from
        // the settings stored for the search vector.
        List<ObjectDefinition> stored = StandardObjects.all().stream().map(object -> {
            FieldDefinition vector = object.allFields().stream()
                    .filter(f -> f.name().equals(SystemFields.SEARCH_VECTOR)).findFirst().orElseThrow();
            FieldType.TsVector storedVector = (FieldType.TsVector) FieldTypes.fromMetadata("TS_VECTOR", null,
                    FieldTypes.settings(vector), null, null);
            return new ObjectDefinition(object.nameSingular(), object.namePlural(), object.labelSingular(),
                    object.labelPlural(), object.description(), object.custom(), object.fields(),
                    SystemFields.searchFields(object.fields(), storedVector));
        }).toList();

        SchemaChangeApplied report = applied(workspace, SchemaOperation.newBuilder().setReconcile(
                Reconcile.newBuilder().addAllExpected(SchemaPlans.createWorkspace(stored))).build());

        assertThat(report.getSuccess()).as(report.getError()).isTrue();
        assertThat(report.getDriftList()).isEmpty();
    }

    @Test
    void reconcileReportsDriftAndRepairsWhatIsMissingWithoutDroppingAnything() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        List<SchemaOperation> plan = List.of(createSchema(), table("deal", text("title"), text("stage")),
                SchemaOperation.newBuilder().setCreateIndex(CreateIndex.newBuilder().setTable("deal").setName("idx_deal_stage").addColumns("stage")).build());
        applied(workspace, plan);
        jdbc.execute("ALTER TABLE \"" + schema + "\".deal DROP COLUMN stage");
        jdbc.execute("ALTER TABLE \"" + schema + "\".deal ADD COLUMN extra integer");
        jdbc.execute("ALTER TABLE \"" + schema + "\".deal ALTER COLUMN title TYPE varchar(20)");
        Reconcile.Builder reconcile = Reconcile.newBuilder().addAllExpected(plan);

        SchemaChangeApplied report = applied(workspace, SchemaOperation.newBuilder().setReconcile(reconcile).build());
        assertThat(report.getDriftList()).containsExactlyInAnyOrder("missing column deal.stage", "unexpected column deal.extra",
                "missing index idx_deal_stage on deal", "column deal.title is character varying(20), expected text");
        assertThat(columns(schema, "deal")).doesNotContain("stage");

        SchemaChangeApplied repaired = applied(workspace, SchemaOperation.newBuilder().setReconcile(reconcile.setRepair(true)).build());
        assertThat(repaired.getDriftList()).containsExactlyInAnyOrder("repaired: missing column deal.stage", "unexpected column deal.extra",
                "repaired: missing index idx_deal_stage on deal", "column deal.title is character varying(20), expected text");
        assertThat(columns(schema, "deal")).contains("stage", "extra");
        assertThat(indexValid(schema, "idx_deal_stage")).isTrue();

        SchemaChangeApplied clean = applied(workspace, SchemaOperation.newBuilder().setReconcile(reconcile.setRepair(false)).build());
        assertThat(clean.getDriftList()).containsExactlyInAnyOrder("unexpected column deal.extra",
                "column deal.title is character varying(20), expected text");
        assertThat(columnType(schema, "deal", "title")).as("never converted").isEqualTo("character varying");
    }

    @Test
    void searchVectorsFoldAccentsAndIndexEmailDomainsAndPhoneVariants() {
        UUID workspace = UUID.randomUUID();
        String schema = WorkspaceSchemaName.of(workspace);
        applied(workspace, createSchema(), table("person", text("name"), text("email"), text("phone"), text("callingCode"),
                Column.newBuilder().setName("searchVector").setType(ColumnType.COLUMN_TYPE_TSVECTOR).setNullable(true)
                        .addSearchSources(SearchSource.newBuilder().setColumn("name"))
                        .addSearchSources(SearchSource.newBuilder().setColumn("email").setKind(SearchSourceKind.SEARCH_SOURCE_KIND_EMAIL))
                        .addSearchSources(SearchSource.newBuilder().setColumn("phone").setKind(SearchSourceKind.SEARCH_SOURCE_KIND_PHONE)
                                .setCallingCodeColumn("callingCode"))));

        String vector = jdbc.queryForObject("INSERT INTO \"" + schema + "\".person (id, name, email, phone, \"callingCode\")"
                + " VALUES (gen_random_uuid(), 'Élodie Dürr', 'elodie@acme.fr', '6 12 34 56 78', '+33') RETURNING \"searchVector\"::text", String.class);

        assertThat(vector).contains("'elodie'", "'durr'", "'acme.fr'", "'612345678'", "'33612345678'");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM \"" + schema + "\".person WHERE \"searchVector\" @@ to_tsquery('simple', 'elodie & durr')",
                Integer.class)).isOne();
    }

    private List<String> rows(String schema) {
        return jdbc.queryForList("SELECT coalesce(stage::text, 'null') || ' ' || tags::text FROM \"" + schema + "\".deal ORDER BY 1", String.class);
    }

    private SchemaChangeApplied applied(UUID workspace, SchemaOperation... operations) {
        return applied(workspace, Arrays.asList(operations));
    }

    private SchemaChangeApplied applied(UUID workspace, List<SchemaOperation> operations) {
        SchemaChangeApplied outcome = outcome(publish(migration(workspace, operations)));
        assertThat(outcome.getSuccess()).as(outcome.getError()).isTrue();
        return outcome;
    }

    private SchemaChangeRequested publish(SchemaChangeRequested request) {
        kafka.send(Topics.SCHEMA_CHANGES, request.getWorkspaceId(), request.toByteArray()).join();
        return request;
    }

    private static SchemaChangeApplied outcome(SchemaChangeRequested request) {
        return await().atMost(TIMEOUT).until(() -> OUTCOMES.records(Topics.SCHEMA_APPLIED, SchemaChangeApplied::parseFrom).stream()
                .map(ConsumerRecord::value)
                .filter(outcome -> outcome.getMigrationId().equals(request.getMigrationId()))
                .toList(), list -> !list.isEmpty()).getFirst();
    }

    private long relfilenode(String schema, String table) {
        return jdbc.queryForObject("SELECT relfilenode FROM pg_class WHERE oid = to_regclass(?)", Long.class, "\"" + schema + "\".\"" + table + "\"");
    }

    private boolean indexValid(String schema, String index) {
        return jdbc.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)", Boolean.class,
                "\"" + schema + "\".\"" + index + "\"");
    }

    private String columnType(String schema, String table, String column) {
        return jdbc.queryForObject("SELECT data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?",
                String.class, schema, table, column);
    }

    private List<String> columns(String schema, String table) {
        return jdbc.queryForList("SELECT column_name::text FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                String.class, schema, table);
    }

    private List<String> enumLabels(String schema, String type) {
        return jdbc.queryForList("SELECT e.enumlabel::text FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typname = ? ORDER BY e.enumsortorder",
                String.class, schema, type);
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

    /** A table with an id, a deletedAt and the given columns. */
    private static SchemaOperation table(String name, Column.Builder... columns) {
        CreateTable.Builder table = CreateTable.newBuilder().setTable(name)
                .addColumns(Column.newBuilder().setName("id").setType(ColumnType.COLUMN_TYPE_UUID).setPrimaryKey(true))
                .addColumns(Column.newBuilder().setName("deletedAt").setType(ColumnType.COLUMN_TYPE_TIMESTAMPTZ).setNullable(true));
        for (Column.Builder column : columns) {
            table.addColumns(column);
        }
        return SchemaOperation.newBuilder().setCreateTable(table).build();
    }

    private static SchemaOperation addColumn(String table, Column.Builder column) {
        return SchemaOperation.newBuilder().setAddColumn(AddColumn.newBuilder().setTable(table).setColumn(column)).build();
    }

    private static SchemaOperation enumChange(ChangeEnumValues.Builder change) {
        return SchemaOperation.newBuilder().setChangeEnumValues(change).build();
    }

    private static Column.Builder text(String name) {
        return Column.newBuilder().setName(name).setType(ColumnType.COLUMN_TYPE_TEXT).setNullable(true);
    }
}
