package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
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
                + "(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 + 0 * 0.001)) RETURNING *");
        assertThat(insert.parameters().getValue("p0")).isEqualTo("Deal'; DROP TABLE x; --");
        assertThat(insert.parameters().getValue("p1")).isEqualTo("NEW");
    }

    @Test
    void updatesOnlyLiveRowsAndTouchesUpdatedAt() {
        UUID id = UUID.randomUUID();
        RecordInput input = RecordInput.read(opportunities.object(), JSON.readTree("{\"name\": \"Renamed\"}"),
                RecordInput.Mode.UPDATE);

        RecordStatements.Statement update = new RecordStatements(opportunities).update(id, input.values(), "updatedAt");

        assertThat(update.sql()).isEqualTo("UPDATE \"" + SCHEMA + "\".\"opportunity\" SET \"name\" = :p1, "
                + "\"updatedAt\" = now() WHERE \"id\" = :id AND \"deletedAt\" IS NULL RETURNING *");
        assertThat(update.parameters().getValue("id")).isEqualTo(id);
    }

    @Test
    void pagesBackwardsBeforeACursor() {
        RecordCursor cursor = new RecordCursor(3.0, UUID.randomUUID());

        RecordStatements.Statement page = new RecordStatements(opportunities).page(10, null, cursor);

        assertThat(page.sql()).endsWith("WHERE \"deletedAt\" IS NULL AND (\"position\", \"id\") < (:position, :cursorId)"
                + " ORDER BY \"position\" DESC, \"id\" DESC LIMIT :limit");
        assertThat(page.parameters().getValue("limit")).isEqualTo(11);
    }
}
