package org.opencrm.schema.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.AlterColumnType;
import org.opencrm.proto.metadata.v1.ChangeEnumValues;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.DefaultFunction;
import org.opencrm.proto.metadata.v1.DropColumn;
import org.opencrm.proto.metadata.v1.DropEnumType;
import org.opencrm.proto.metadata.v1.DropForeignKey;
import org.opencrm.proto.metadata.v1.DropIndex;
import org.opencrm.proto.metadata.v1.DropTable;
import org.opencrm.proto.metadata.v1.EnumColumn;
import org.opencrm.proto.metadata.v1.RenameColumn;
import org.opencrm.proto.metadata.v1.RenameTable;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SearchSource;
import org.opencrm.proto.metadata.v1.SearchSourceKind;

/** Rendering of the schema-evolution operations and of search vectors. */
class DdlEvolutionRenderingTest {

    private static final String SCHEMA = "workspace_1x2y";
    private static final UUID WORKSPACE = new UUID(0, Long.parseLong("1x2y", 36));
    private static final String PLACEHOLDER = "~".repeat(64) + "0";

    @Test
    void indexesEmailDomainsAndPhoneVariantsFromSearchSources() {
        var column = Column.newBuilder().setName("searchVector").setType(ColumnType.COLUMN_TYPE_TSVECTOR).setNullable(true)
                .addSearchSources(SearchSource.newBuilder().setColumn("emailsPrimaryEmail").setKind(SearchSourceKind.SEARCH_SOURCE_KIND_EMAIL))
                .addSearchSources(SearchSource.newBuilder().setColumn("phonesPrimaryPhoneNumber").setKind(SearchSourceKind.SEARCH_SOURCE_KIND_PHONE)
                        .setCallingCodeColumn("phonesPrimaryPhoneCallingCode"))
                .addSearchSourceColumns("ignoredWhenSearchSourcesAreSet");

        String expression = SearchVectorExpression.of(column.build());

        assertThat(expression).startsWith("to_tsvector('simple', ")
                .contains("coalesce(public.unaccent_immutable(\"emailsPrimaryEmail\"::text), '')")
                .contains("split_part(\"emailsPrimaryEmail\"::text, '@', 2)")
                .contains("regexp_replace(coalesce(\"phonesPrimaryPhoneNumber\"::text, ''), '[^0-9]', '', 'g')")
                .contains("coalesce(\"phonesPrimaryPhoneCallingCode\"::text, '') || regexp_replace(")
                .doesNotContain("ignoredWhenSearchSourcesAreSet");
        assertThat(SearchSupport.statements()).anySatisfy(statement -> assertThat(statement)
                .contains("public.unaccent_immutable(text)").contains("IMMUTABLE"));
    }

    @Test
    void rendersRenamesAsNoOpsOnceDoneAndDropsWithIfExists() {
        assertThat(render(SchemaOperation.newBuilder().setRenameTable(RenameTable.newBuilder().setFrom("a").setTo("b")).build()))
                .isEqualTo("DO 'BEGIN IF to_regclass(''\"workspace_1x2y\".\"a\"'') IS NOT NULL THEN "
                        + "EXECUTE ''ALTER TABLE \"workspace_1x2y\".\"a\" RENAME TO \"b\"''; "
                        + "ELSIF NOT (to_regclass(''\"workspace_1x2y\".\"b\"'') IS NOT NULL) THEN "
                        + "RAISE EXCEPTION ''%'', ''table \"workspace_1x2y\".\"a\" does not exist''; END IF; END'");
        assertThat(render(SchemaOperation.newBuilder().setDropTable(DropTable.newBuilder().setTable("a")).build()))
                .isEqualTo("DROP TABLE IF EXISTS \"workspace_1x2y\".\"a\"");
        assertThat(render(SchemaOperation.newBuilder().setDropColumn(DropColumn.newBuilder().setTable("a").setColumn("c")).build()))
                .isEqualTo("ALTER TABLE IF EXISTS \"workspace_1x2y\".\"a\" DROP COLUMN IF EXISTS \"c\"");
        assertThat(render(SchemaOperation.newBuilder().setDropForeignKey(DropForeignKey.newBuilder().setTable("a").setColumn("cId")).build()))
                .isEqualTo("ALTER TABLE IF EXISTS \"workspace_1x2y\".\"a\" DROP CONSTRAINT IF EXISTS \"a_cId_fkey\"");
        assertThat(render(SchemaOperation.newBuilder().setDropIndex(DropIndex.newBuilder().setName("i")).build()))
                .isEqualTo("DROP INDEX IF EXISTS \"workspace_1x2y\".\"i\"");
        assertThat(render(SchemaOperation.newBuilder().setDropEnumType(DropEnumType.newBuilder().setTypeName("e")).build()))
                .isEqualTo("DROP TYPE IF EXISTS \"workspace_1x2y\".\"e\"");
    }

    @Test
    void keepsHostileNamesInsideGuardedBlocksAsData() {
        String statement = render(SchemaOperation.newBuilder().setRenameColumn(RenameColumn.newBuilder().setTable("t")
                .setFrom("a'; DROP SCHEMA core; --").setTo("b")).build());

        assertThat(statement).startsWith("DO '").endsWith("'")
                .contains("attname = ''a''''; DROP SCHEMA core; --''")
                .contains("RENAME COLUMN \"a''''; DROP SCHEMA core; --\" TO \"b\"");
    }

    @Test
    void addsAColumnWithAPerRowDefaultWithoutFillingExistingRows() {
        List<String> statements = DdlRenderer.render(WORKSPACE, SCHEMA, List.of(SchemaOperation.newBuilder()
                .setAddColumn(AddColumn.newBuilder().setTable("t").setColumn(Column.newBuilder().setName("ref")
                        .setType(ColumnType.COLUMN_TYPE_UUID).setNullable(true)
                        .setDefaultValue(ColumnDefault.newBuilder().setFunction(DefaultFunction.DEFAULT_FUNCTION_GEN_RANDOM_UUID))))
                .build()));

        assertThat(statements).containsExactly(
                "ALTER TABLE \"workspace_1x2y\".\"t\" ADD COLUMN \"ref\" uuid",
                "ALTER TABLE \"workspace_1x2y\".\"t\" ALTER COLUMN \"ref\" SET DEFAULT gen_random_uuid()");
    }

    @Test
    void convertsAColumnTypeWithItsUsingExpressionAndRefusesUnsafePairs() {
        var change = AlterColumnType.newBuilder().setTable("t").setColumn("amount").setFromType(ColumnType.COLUMN_TYPE_DOUBLE)
                .setTarget(Column.newBuilder().setName("ignored").setType(ColumnType.COLUMN_TYPE_NUMERIC).setNullable(true)
                        .setDefaultValue(ColumnDefault.newBuilder().setNumber(1.5)));

        String statement = render(SchemaOperation.newBuilder().setAlterColumnType(change).build());

        assertThat(statement).contains("ALTER COLUMN \"amount\" DROP DEFAULT")
                .contains("ALTER COLUMN \"amount\" TYPE numeric USING \"amount\"::numeric")
                .contains("SET DEFAULT 1.5")
                .contains("atttypid = to_regtype(''numeric'')");
        assertThat(statement.indexOf("DROP DEFAULT")).isLessThan(statement.indexOf("TYPE numeric"));
        assertThatThrownBy(() -> render(SchemaOperation.newBuilder().setAlterColumnType(change.setFromType(ColumnType.COLUMN_TYPE_JSONB)).build()))
                .isInstanceOf(InvalidSchemaOperationException.class)
                .hasMessageContaining("no safe conversion from JSONB to NUMERIC");
        assertThat(ColumnConversions.supports(new ColumnConversions.Shape(ColumnType.COLUMN_TYPE_TEXT, false),
                new ColumnConversions.Shape(ColumnType.COLUMN_TYPE_ENUM, false))).isTrue();
        assertThat(ColumnConversions.supports(new ColumnConversions.Shape(ColumnType.COLUMN_TYPE_TEXT, false),
                new ColumnConversions.Shape(ColumnType.COLUMN_TYPE_DOUBLE, false))).isFalse();
    }

    @Test
    void changesEnumValuesByRenamingAndAddingWhenNoRowMustMove() {
        var change = ChangeEnumValues.newBuilder().setTypeName("stage_enum").addValues("OPEN").addValues("WON").addValues("LOST")
                .putRenamed("NEW", "OPEN")
                .addColumns(EnumColumn.newBuilder().setTable("deal").setColumn("stage"));

        assertThat(renderEnumChange(change, List.of("NEW", "WON"))).containsExactly(
                "ALTER TYPE \"workspace_1x2y\".\"stage_enum\" RENAME VALUE 'NEW' TO 'OPEN'",
                "ALTER TYPE \"workspace_1x2y\".\"stage_enum\" ADD VALUE 'LOST'",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"stage\" DROP DEFAULT");
        assertThat(renderEnumChange(change, List.of("OPEN", "WON", "LOST"))).as("already changed").isEmpty();
    }

    @Test
    void changesEnumValuesThroughANewTypeWhenAValueIsRemovedOrANewOneIsTheDefault() {
        var removal = ChangeEnumValues.newBuilder().setTypeName("stage_enum").addValues("WON").addValues("OPEN")
                .setReplacement("OPEN")
                .addColumns(EnumColumn.newBuilder().setTable("deal").setColumn("stage")
                        .setDefaultValue(ColumnDefault.newBuilder().setEnumValue("OPEN")))
                .addColumns(EnumColumn.newBuilder().setTable("deal").setColumn("tags").setArray(true));

        assertThat(renderEnumChange(removal, List.of("NEW", "WON"))).containsExactly(
                "ALTER TYPE \"workspace_1x2y\".\"stage_enum\" RENAME TO \"stage_enum_old\"",
                "CREATE TYPE \"workspace_1x2y\".\"stage_enum\" AS ENUM ('WON', 'OPEN')",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"stage\" DROP DEFAULT",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"stage\" TYPE \"workspace_1x2y\".\"stage_enum\" USING "
                        + "CASE \"stage\"::text WHEN 'NEW' THEN 'OPEN' ELSE \"stage\"::text END::\"workspace_1x2y\".\"stage_enum\"",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"stage\" SET DEFAULT 'OPEN'::\"workspace_1x2y\".\"stage_enum\"",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"tags\" DROP DEFAULT",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"tags\" TYPE \"workspace_1x2y\".\"stage_enum\"[] USING "
                        + "array_replace(array_replace(\"tags\"::text[], 'NEW', '" + PLACEHOLDER + "'), '" + PLACEHOLDER + "', 'OPEN')"
                        + "::\"workspace_1x2y\".\"stage_enum\"[]",
                "ALTER TABLE \"workspace_1x2y\".\"deal\" ALTER COLUMN \"tags\" DROP DEFAULT",
                "DROP TYPE \"workspace_1x2y\".\"stage_enum_old\"");
        assertThatThrownBy(() -> DdlRenderer.render(WORKSPACE, SCHEMA, List.of(SchemaOperation.newBuilder().setChangeEnumValues(removal).build())))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> renderEnumChange(removal.clone().setReplacement("GONE"), List.of("NEW", "WON")))
                .hasMessageContaining("replacement GONE is not among the values");
    }

    @Test
    void addsNoEnumValueThatTheSameMigrationUsesAsADefault() {
        var addition = ChangeEnumValues.newBuilder().setTypeName("stage_enum").addValues("NEW").addValues("LOST")
                .addColumns(EnumColumn.newBuilder().setTable("deal").setColumn("stage")
                        .setDefaultValue(ColumnDefault.newBuilder().setEnumValue("LOST")));

        assertThat(renderEnumChange(addition, List.of("NEW"))).first().asString().endsWith("RENAME TO \"stage_enum_old\"");
    }

    private static List<String> renderEnumChange(ChangeEnumValues.Builder change, List<String> current) {
        return DdlRenderer.render(WORKSPACE, SCHEMA, List.of(SchemaOperation.newBuilder().setChangeEnumValues(change).build()),
                type -> type.equals(change.getTypeName()) ? Optional.of(current) : Optional.empty());
    }

    private static String render(SchemaOperation operation) {
        return DdlRenderer.render(WORKSPACE, SCHEMA, List.of(operation)).getFirst();
    }
}
