package org.opencrm.dataapi;

import java.util.UUID;

import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.WorkspaceSchemaName;
import org.opencrm.schema.ddl.DdlRenderer;
import org.opencrm.schema.ddl.SearchSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates a workspace schema with the {@link TestObjects}, as migration-worker does: the plan, rendered as DDL, after
 * the search support (accent folding) that migration-worker installs at start.
 */
final class WorkspaceSchemaFixture {

    private WorkspaceSchemaFixture() {
    }

    static void create(JdbcTemplate jdbc, UUID workspaceId) {
        String schema = WorkspaceSchemaName.of(workspaceId);
        SearchSupport.statements().forEach(jdbc::execute);
        DdlRenderer.render(workspaceId, schema, SchemaPlans.createWorkspace(TestObjects.all())).forEach(jdbc::execute);
    }
}
