package org.opencrm.schema.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.AddForeignKey;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateSchema;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.DefaultFunction;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.OnDelete;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.WorkspaceSchemaName;

class DdlRendererTest {

    private static final String SCHEMA = "workspace_1x2y";
    /** The workspace whose schema is {@link #SCHEMA}: its id read as one number is 1x2y in base 36. */
    private static final UUID WORKSPACE = new UUID(0, Long.parseLong("1x2y", 36));

    @Test
    void createsTheWorkspaceSchema() {
        assertThat(render(SchemaOperation.newBuilder().setCreateSchema(CreateSchema.getDefaultInstance()).build()))
                .isEqualTo("CREATE SCHEMA \"workspace_1x2y\"");
    }

    @Test
    void createsAnEnumTypeInTheSchemaWithQuotedValues() {
        var operation = CreateEnumType.newBuilder().setTypeName("task_status_enum").addValues("TODO").addValues("IT'S DONE");

        assertThat(render(SchemaOperation.newBuilder().setCreateEnumType(operation).build()))
                .isEqualTo("CREATE TYPE \"workspace_1x2y\".\"task_status_enum\" AS ENUM ('TODO', 'IT''S DONE')");
    }

    @Test
    void createsATableWithEachColumnTypeAndItsPrimaryKey() {
        var table = CreateTable.newBuilder().setTable("person")
                .addColumns(column("id", ColumnType.COLUMN_TYPE_UUID).setPrimaryKey(true))
                .addColumns(column("name", ColumnType.COLUMN_TYPE_TEXT).setNullable(true))
                .addColumns(column("position", ColumnType.COLUMN_TYPE_DOUBLE).setNullable(true))
                .addColumns(column("amountMicros", ColumnType.COLUMN_TYPE_NUMERIC).setNullable(true))
                .addColumns(column("isVip", ColumnType.COLUMN_TYPE_BOOLEAN))
                .addColumns(column("birthday", ColumnType.COLUMN_TYPE_DATE).setNullable(true))
                .addColumns(column("createdAt", ColumnType.COLUMN_TYPE_TIMESTAMPTZ))
                .addColumns(column("context", ColumnType.COLUMN_TYPE_JSONB).setNullable(true))
                .addColumns(column("tags", ColumnType.COLUMN_TYPE_TEXT).setArray(true).setNullable(true))
                .addColumns(column("stage", ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("person_stage_enum").setNullable(true))
                .addColumns(column("labels", ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("person_labels_enum").setArray(true).setNullable(true))
                .addColumns(column("searchVector", ColumnType.COLUMN_TYPE_TSVECTOR).setNullable(true));

        assertThat(render(SchemaOperation.newBuilder().setCreateTable(table).build())).isEqualTo(
                "CREATE TABLE \"workspace_1x2y\".\"person\" ("
                        + "\"id\" uuid NOT NULL, "
                        + "\"name\" text, "
                        + "\"position\" double precision, "
                        + "\"amountMicros\" numeric, "
                        + "\"isVip\" boolean NOT NULL, "
                        + "\"birthday\" date, "
                        + "\"createdAt\" timestamp with time zone NOT NULL, "
                        + "\"context\" jsonb, "
                        + "\"tags\" text[], "
                        + "\"stage\" \"workspace_1x2y\".\"person_stage_enum\", "
                        + "\"labels\" \"workspace_1x2y\".\"person_labels_enum\"[], "
                        + "\"searchVector\" tsvector, "
                        + "PRIMARY KEY (\"id\"))");
    }

    @Test
    void generatesTheSearchVectorFromItsSourceColumns() {
        var column = column("searchVector", ColumnType.COLUMN_TYPE_TSVECTOR).setNullable(true)
                .addSearchSourceColumns("nameFirstName").addSearchSourceColumns("emailsPrimaryEmail");

        assertThat(render(addColumn("person", column))).isEqualTo(
                "ALTER TABLE \"workspace_1x2y\".\"person\" ADD COLUMN \"searchVector\" tsvector GENERATED ALWAYS AS ("
                        + "to_tsvector('simple', coalesce(public.unaccent_immutable(\"nameFirstName\"::text), '') || ' ' || "
                        + "coalesce(public.unaccent_immutable(\"emailsPrimaryEmail\"::text), ''))"
                        + ") STORED");
    }

    @Test
    void rendersDefaultsAsLiteralsOfTheColumnType() {
        assertThat(render(addColumn("t", column("a", ColumnType.COLUMN_TYPE_TEXT).setDefaultValue(ColumnDefault.newBuilder().setText("O'Brien \\ '); DROP TABLE x; --")))))
                .endsWith("\"a\" text NOT NULL DEFAULT 'O''Brien \\ ''); DROP TABLE x; --'");
        assertThat(render(addColumn("t", column("b", ColumnType.COLUMN_TYPE_DOUBLE).setDefaultValue(ColumnDefault.newBuilder().setNumber(-1.5)))))
                .endsWith("\"b\" double precision NOT NULL DEFAULT -1.5");
        assertThat(render(addColumn("t", column("b", ColumnType.COLUMN_TYPE_DOUBLE).setDefaultValue(ColumnDefault.newBuilder().setNumber(1e21)))))
                .endsWith("DEFAULT 1000000000000000000000");
        assertThat(render(addColumn("t", column("m", ColumnType.COLUMN_TYPE_NUMERIC).setDefaultValue(ColumnDefault.newBuilder().setNumber(5_000_000)))))
                .as("a whole number has no scale").endsWith("DEFAULT 5000000");
        assertThat(render(addColumn("t", column("c", ColumnType.COLUMN_TYPE_BOOLEAN).setDefaultValue(ColumnDefault.newBuilder().setBoolean(false)))))
                .endsWith("\"c\" boolean NOT NULL DEFAULT false");
        assertThat(render(addColumn("t", column("d", ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("t_d_enum")
                .setDefaultValue(ColumnDefault.newBuilder().setEnumValue("IT'S")))))
                .endsWith("\"d\" \"workspace_1x2y\".\"t_d_enum\" NOT NULL DEFAULT 'IT''S'::\"workspace_1x2y\".\"t_d_enum\"");
        assertThat(render(addColumn("t", column("e", ColumnType.COLUMN_TYPE_JSONB).setDefaultValue(ColumnDefault.newBuilder().setJson("{\"name\":\"O'Brien\"}")))))
                .endsWith("\"e\" jsonb NOT NULL DEFAULT '{\"name\":\"O''Brien\"}'::jsonb");
        assertThat(render(addColumn("t", column("f", ColumnType.COLUMN_TYPE_TIMESTAMPTZ).setDefaultValue(function(DefaultFunction.DEFAULT_FUNCTION_NOW)))))
                .endsWith("DEFAULT now()");
        assertThat(render(addColumn("t", column("g", ColumnType.COLUMN_TYPE_UUID).setDefaultValue(function(DefaultFunction.DEFAULT_FUNCTION_GEN_RANDOM_UUID)))))
                .endsWith("DEFAULT gen_random_uuid()");
        assertThat(render(addColumn("t", column("h", ColumnType.COLUMN_TYPE_TEXT).setArray(true).setDefaultValue(function(DefaultFunction.DEFAULT_FUNCTION_EMPTY_ARRAY)))))
                .endsWith("\"h\" text[] NOT NULL DEFAULT '{}'");
        assertThat(render(addColumn("t", column("i", ColumnType.COLUMN_TYPE_ENUM).setEnumTypeName("t_i_enum").setArray(true)
                .setDefaultValue(ColumnDefault.newBuilder().setEnumValues(org.opencrm.proto.metadata.v1.EnumValues.newBuilder()
                        .addValues("A").addValues("IT'S \"Q\" \\"))))))
                .endsWith("\"i\" \"workspace_1x2y\".\"t_i_enum\"[] NOT NULL DEFAULT '{\"A\",\"IT''S \\\"Q\\\" \\\\\"}'");
    }

    @Test
    void addsAColumnAsPrimaryKeyWhenAsked() {
        assertThat(render(addColumn("t", column("id", ColumnType.COLUMN_TYPE_UUID).setPrimaryKey(true))))
                .isEqualTo("ALTER TABLE \"workspace_1x2y\".\"t\" ADD COLUMN \"id\" uuid NOT NULL PRIMARY KEY");
    }

    @Test
    void addsForeignKeysWithEachOnDeleteAction() {
        assertThat(render(foreignKey("person", "companyId", "company", OnDelete.ON_DELETE_SET_NULL))).isEqualTo(
                "ALTER TABLE \"workspace_1x2y\".\"person\" ADD CONSTRAINT \"person_companyId_fkey\" FOREIGN KEY (\"companyId\")"
                        + " REFERENCES \"workspace_1x2y\".\"company\" (\"id\") ON DELETE SET NULL");
        assertThat(render(foreignKey("taskTarget", "taskId", "task", OnDelete.ON_DELETE_CASCADE))).endsWith("ON DELETE CASCADE");
        assertThat(render(foreignKey("opportunity", "companyId", "company", OnDelete.ON_DELETE_RESTRICT))).endsWith("ON DELETE RESTRICT");
    }

    @Test
    void shortensLongForeignKeyNamesToDistinctNamesWithinPostgresLimit() {
        String table = "_" + "é".repeat(25) + "Table";
        String first = constraintName(render(foreignKey(table, "a".repeat(30) + "OneId", "company", OnDelete.ON_DELETE_SET_NULL)));
        String second = constraintName(render(foreignKey(table, "a".repeat(30) + "TwoId", "company", OnDelete.ON_DELETE_SET_NULL)));

        assertThat(first.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(second.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(first).isNotEqualTo(second).endsWith("_fkey").startsWith("_é");
    }

    @Test
    void createsUniqueIndexesOverLiveRowsAndGinIndexes() {
        var unique = CreateIndex.newBuilder().setTable("person").setName("uq_person_emailsPrimaryEmail")
                .addColumns("emailsPrimaryEmail").setUnique(true).setLiveRowsOnly(true).setMethod(IndexMethod.INDEX_METHOD_BTREE);
        var gin = CreateIndex.newBuilder().setTable("person").setName("idx_person_searchVector")
                .addColumns("searchVector").setMethod(IndexMethod.INDEX_METHOD_GIN);
        var composite = CreateIndex.newBuilder().setTable("person").setName("idx_person_ab").addColumns("a").addColumns("b");

        assertThat(render(SchemaOperation.newBuilder().setCreateIndex(unique).build())).isEqualTo(
                "CREATE UNIQUE INDEX \"uq_person_emailsPrimaryEmail\" ON \"workspace_1x2y\".\"person\" USING btree"
                        + " (\"emailsPrimaryEmail\") WHERE \"deletedAt\" IS NULL");
        assertThat(render(SchemaOperation.newBuilder().setCreateIndex(gin).build())).isEqualTo(
                "CREATE INDEX \"idx_person_searchVector\" ON \"workspace_1x2y\".\"person\" USING gin (\"searchVector\") WITH (fastupdate = off)");
        assertThat(render(SchemaOperation.newBuilder().setCreateIndex(composite).build())).isEqualTo(
                "CREATE INDEX \"idx_person_ab\" ON \"workspace_1x2y\".\"person\" USING btree (\"a\", \"b\")");
    }

    @Test
    void leavesRowsWithEmptyTextOutOfAUniqueIndex() {
        var unique = CreateIndex.newBuilder().setTable("person").setName("uq_person_name")
                .addColumns("nameFirstName").addColumns("nameLastName").setUnique(true).setLiveRowsOnly(true)
                .addSkipWhenEmpty("nameFirstName").addSkipWhenEmpty("nameLastName");

        assertThat(render(SchemaOperation.newBuilder().setCreateIndex(unique).build())).isEqualTo(
                "CREATE UNIQUE INDEX \"uq_person_name\" ON \"workspace_1x2y\".\"person\" USING btree"
                        + " (\"nameFirstName\", \"nameLastName\") WHERE \"deletedAt\" IS NULL"
                        + " AND (\"nameFirstName\" <> '' OR \"nameLastName\" <> '')");
    }

    @Test
    void hostileNamesStayInsideTheirQuotes() {
        String hostile = "x\"; DROP SCHEMA core CASCADE; --";
        var table = CreateTable.newBuilder().setTable(hostile).addColumns(column(hostile, ColumnType.COLUMN_TYPE_TEXT));

        assertThat(render(SchemaOperation.newBuilder().setCreateTable(table).build())).isEqualTo(
                "CREATE TABLE \"workspace_1x2y\".\"x\"\"; DROP SCHEMA core CASCADE; --\" (\"x\"\"; DROP SCHEMA core CASCADE; --\" text NOT NULL)");
        assertThat(render(foreignKey(hostile, hostile, hostile, OnDelete.ON_DELETE_CASCADE)))
                .startsWith("ALTER TABLE \"workspace_1x2y\".\"x\"\"; DROP SCHEMA core CASCADE; --\" ADD CONSTRAINT \"x\"\"; DROP")
                .contains("FOREIGN KEY (\"x\"\"; DROP SCHEMA core CASCADE; --\") REFERENCES");
    }

    @Test
    void rendersOneStatementPerOperationOfTheStandardWorkspace() {
        List<SchemaOperation> plan = SchemaPlans.createWorkspace();

        List<String> statements = DdlRenderer.render(WORKSPACE, SCHEMA, plan);

        assertThat(statements).hasSameSizeAs(plan);
        assertThat(statements.getFirst()).isEqualTo("CREATE SCHEMA \"workspace_1x2y\"");
    }

    @Test
    void rendersNothingForAMigrationWithoutOperations() {
        assertThat(DdlRenderer.render(WORKSPACE, SCHEMA, List.of())).isEmpty();
    }

    @Test
    void refusesSchemasOtherThanWorkspaceSchemas() {
        assertThatThrownBy(() -> DdlRenderer.render(WORKSPACE, "core", List.of()))
                .isInstanceOf(InvalidSchemaOperationException.class).hasMessageContaining("not a workspace schema");
    }

    @Test
    void refusesTheSchemaOfAnotherWorkspace() {
        UUID other = UUID.randomUUID();
        String otherSchema = WorkspaceSchemaName.of(other);

        assertThatThrownBy(() -> DdlRenderer.render(WORKSPACE, otherSchema, List.of(
                SchemaOperation.newBuilder().setCreateSchema(CreateSchema.getDefaultInstance()).build())))
                .isInstanceOf(InvalidSchemaOperationException.class)
                .hasMessage("schema \"" + otherSchema + "\" is not the schema of workspace " + WORKSPACE + ", which is \"" + SCHEMA + "\"");
        assertThat(DdlRenderer.render(other, otherSchema, List.of())).isEmpty();
    }

    @Test
    void rejectsMalformedOperationsNamingTheOperationAndThePart() {
        assertRejected(SchemaOperation.getDefaultInstance(), "operation 1 (operation_not_set): no operation is set");
        assertRejected(SchemaOperation.newBuilder().setCreateTable(CreateTable.newBuilder().setTable("")
                        .addColumns(column("a", ColumnType.COLUMN_TYPE_TEXT))).build(),
                "operation 1 (create_table): table name");
        assertRejected(SchemaOperation.newBuilder().setCreateTable(CreateTable.newBuilder().setTable("t")).build(),
                "has no columns");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_UNSPECIFIED)), "column \"a\": has no known type");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_TEXT).setTypeValue(99)), "has no known type");
        assertRejected(addColumn("t", column("", ColumnType.COLUMN_TYPE_TEXT)), "column name");
        assertRejected(addColumn("t", column("a".repeat(64), ColumnType.COLUMN_TYPE_TEXT)), "longer than 63 bytes");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_ENUM)), "enum type name");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_TEXT).setEnumTypeName("t_a_enum")), "enum type name is set");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_DOUBLE)
                .setDefaultValue(ColumnDefault.newBuilder().setNumber(Double.NaN))), "non-finite");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_DOUBLE)
                .setDefaultValue(ColumnDefault.newBuilder().setNumber(Double.POSITIVE_INFINITY))), "non-finite");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_TEXT)
                .setDefaultValue(ColumnDefault.newBuilder().setEnumValue("X"))), "not a single-valued enum column");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_TEXT)
                .setDefaultValue(ColumnDefault.newBuilder().setText("nul\0"))), "NUL");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_UUID)
                .setDefaultValue(ColumnDefault.newBuilder().setFunctionValue(42))), "unknown default function");
        assertRejected(addColumn("t", column("a", ColumnType.COLUMN_TYPE_UUID)
                .setDefaultValue(function(DefaultFunction.DEFAULT_FUNCTION_UNSPECIFIED))), "unknown default function");
        assertRejected(addColumn("t", column("v", ColumnType.COLUMN_TYPE_TSVECTOR).addSearchSourceColumns("name")
                .setDefaultValue(ColumnDefault.newBuilder().setText(""))), "cannot have a default");
        assertRejected(SchemaOperation.newBuilder().setAddForeignKey(AddForeignKey.newBuilder().setTable("t")
                .setColumn("cId").setReferencedTable("c").setOnDeleteValue(7)).build(), "on delete action is unknown");
        assertRejected(SchemaOperation.newBuilder().setCreateIndex(CreateIndex.newBuilder().setTable("t").setName("i")
                .addColumns("a").setMethodValue(5)).build(), "index method is unknown");
        assertRejected(SchemaOperation.newBuilder().setCreateIndex(CreateIndex.newBuilder().setTable("t").setName("i")
                .addColumns("a").setUnique(true).setMethod(IndexMethod.INDEX_METHOD_GIN)).build(), "gin index cannot be unique");
        assertRejected(SchemaOperation.newBuilder().setCreateIndex(CreateIndex.newBuilder().setTable("t").setName("i")).build(),
                "has no columns");
        assertRejected(SchemaOperation.newBuilder().setCreateEnumType(CreateEnumType.newBuilder().setTypeName("e")).build(),
                "has no values");
        assertRejected(SchemaOperation.newBuilder().setCreateEnumType(CreateEnumType.newBuilder().setTypeName("e").addValues("")).build(),
                "has an empty value");
    }

    @Test
    void namesTheOperationAtFaultByItsPosition() {
        var valid = SchemaOperation.newBuilder().setCreateSchema(CreateSchema.getDefaultInstance()).build();
        var invalid = addColumn("", column("a", ColumnType.COLUMN_TYPE_TEXT));

        assertThatThrownBy(() -> DdlRenderer.render(WORKSPACE, SCHEMA, List.of(valid, invalid)))
                .isInstanceOf(InvalidSchemaOperationException.class)
                .hasMessageStartingWith("operation 2 (add_column): table name");
    }

    private static String render(SchemaOperation operation) {
        return DdlRenderer.render(WORKSPACE, SCHEMA, List.of(operation)).getFirst();
    }

    private static void assertRejected(SchemaOperation operation, String message) {
        assertThatThrownBy(() -> render(operation))
                .isInstanceOf(InvalidSchemaOperationException.class)
                .hasMessageContaining(message);
    }

    private static Column.Builder column(String name, ColumnType type) {
        return Column.newBuilder().setName(name).setType(type);
    }

    private static ColumnDefault function(DefaultFunction function) {
        return ColumnDefault.newBuilder().setFunction(function).build();
    }

    private static SchemaOperation addColumn(String table, Column.Builder column) {
        return SchemaOperation.newBuilder().setAddColumn(AddColumn.newBuilder().setTable(table).setColumn(column)).build();
    }

    private static SchemaOperation foreignKey(String table, String column, String referencedTable, OnDelete onDelete) {
        return SchemaOperation.newBuilder().setAddForeignKey(AddForeignKey.newBuilder()
                .setTable(table).setColumn(column).setReferencedTable(referencedTable).setOnDelete(onDelete)).build();
    }

    private static String constraintName(String statement) {
        int start = statement.indexOf("ADD CONSTRAINT \"") + "ADD CONSTRAINT \"".length();
        return statement.substring(start, statement.indexOf("\" FOREIGN KEY"));
    }
}
