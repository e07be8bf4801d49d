package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.dataapi.query.Keyset;
import org.opencrm.dataapi.query.OrderBy;
import org.opencrm.dataapi.query.SqlParameters;
import org.opencrm.schema.WorkspaceSchemaName;

import tools.jackson.databind.json.JsonMapper;

class RecordStatementsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID WORKSPACE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String SCHEMA = WorkspaceSchemaName.of(WORKSPACE);

    private final RecordTable opportunities = new RecordTable(WORKSPACE, StandardObjectModels.of("opportunity"));

    @Test
    void insertsWithBoundValuesCastsAndAnAppendedPosition() {
        RecordInput input = RecordInput.read(opportunities.object(), JSON.readTree(
                "{\"name\": \"Deal'; DROP TABLE x; --\", \"stage\": \"NEW\"}"), RecordInput.Mode.CREATE);

        RecordStatements.Statement insert = new RecordStatements(opportunities).insert(input.values(), true);

        assertThat(insert.sql()).isEqualTo("INSERT INTO \"" + SCHEMA + "\".\"opportunity\" (\"name\", \"stage\", "
                + "\"position\") VALUES (:p0, CAST(:p1 AS \"" + SCHEMA + "\".\"opportunity_stage_enum\"), "
                + "(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 + 0 * 0.001)) RETURNING " + opportunities.columns());
        assertThat(insert.parameters().getValue("p0")).isEqualTo("Deal'; DROP TABLE x; --");
        assertThat(insert.parameters().getValue("p1")).isEqualTo("NEW");
    }

    @Test
    void namesTheModelsColumnsInsteadOfStarLeavingTheSearchVectorOut() {
        assertThat(opportunities.columns()).startsWith("\"id\", ").contains("\"amountAmountMicros\"")
                .doesNotContain("*").doesNotContain("searchVector");
        assertThat(opportunities.columns("r")).startsWith("r.\"id\", ");
    }

    @Test
    void updatesOnlyLiveRowsAndTouchesUpdatedAt() {
        UUID id = UUID.randomUUID();
        RecordInput input = RecordInput.read(opportunities.object(), JSON.readTree("{\"name\": \"Renamed\"}"),
                RecordInput.Mode.UPDATE);

        RecordStatements.Statement update = new RecordStatements(opportunities).update(id, input.values(), "updatedAt");

        assertThat(update.sql()).isEqualTo("UPDATE \"" + SCHEMA + "\".\"opportunity\" SET \"name\" = :p1, "
                + "\"updatedAt\" = now() WHERE \"id\" = :id AND \"deletedAt\" IS NULL RETURNING " + opportunities.columns());
        assertThat(update.parameters().getValue("id")).isEqualTo(id);
    }

    @Test
    void pagesAfterAKeysetWithCursorColumnsAndOneRowMore() {
        OrderBy order = OrderBy.parse(null, opportunities.object());
        SqlParameters parameters = new SqlParameters();
        String keyset = Keyset.after(order.reversed(), java.util.Arrays.asList("3", UUID.randomUUID().toString()),
                SCHEMA, parameters);

        RecordStatements.Statement page = new RecordStatements(opportunities).page("TRUE", keyset, order.reversed(),
                10, parameters);

        assertThat(page.sql()).isEqualTo("SELECT " + opportunities.columns() + ", CAST(\"position\" AS text) AS \"__cursor0\", CAST(\"id\" AS text)"
                + " AS \"__cursor1\" FROM \"" + SCHEMA + "\".\"opportunity\" WHERE \"deletedAt\" IS NULL AND ("
                + "\"position\" < CAST(:q0 AS double precision) OR (\"position\" = CAST(:q0 AS double precision)"
                + " AND \"id\" < CAST(:q1 AS uuid))) ORDER BY \"position\" DESC NULLS FIRST, \"id\" DESC NULLS LAST LIMIT :q2");
        assertThat(page.parameters().getValue("q2")).isEqualTo(11);
    }

    @Test
    void comparesNotNullKeysOfOneDirectionAsOneRowAndMixedOnesKeyByKey() {
        OrderBy order = OrderBy.parse("createdAt[DescNullsLast]", opportunities.object());
        SqlParameters parameters = new SqlParameters();

        String keyset = Keyset.after(order.reversed(), java.util.Arrays.asList("2024-01-01 00:00:00+00",
                UUID.randomUUID().toString()), SCHEMA, parameters);

        assertThat(order.reversed().sql()).isEqualTo("\"createdAt\" ASC NULLS FIRST, \"id\" ASC NULLS FIRST");
        assertThat(keyset).isEqualTo("(\"createdAt\", \"id\") > (CAST(:q0 AS timestamptz), CAST(:q1 AS uuid))");
        String mixed = Keyset.after(OrderBy.parse("createdAt[AscNullsLast],id[DescNullsFirst]", opportunities.object()),
                java.util.Arrays.asList("2024-01-01 00:00:00+00", UUID.randomUUID().toString()), SCHEMA, parameters);
        assertThat(mixed).isEqualTo("(\"createdAt\" > CAST(:q2 AS timestamptz) OR (\"createdAt\" = CAST(:q2 AS "
                + "timestamptz) AND \"id\" < CAST(:q3 AS uuid)))");
    }
}
