package org.opencrm.dataapi;

import java.util.UUID;

import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.WorkspaceSchemaName;
import org.opencrm.schema.ddl.DdlRenderer;
import org.springframework.jdbc.core.JdbcTemplate;

/** Creates a workspace schema with the {@link TestObjects}, as migration-worker does: the plan, rendered as DDL. */
final class WorkspaceSchemaFixture {

    private WorkspaceSchemaFixture() {
    }

    static void create(JdbcTemplate jdbc, UUID workspaceId) {
        String schema = WorkspaceSchemaName.of(workspaceId);
        DdlRenderer.render(workspaceId, schema, SchemaPlans.createWorkspace(TestObjects.all())).forEach(jdbc::execute);
    }
}
