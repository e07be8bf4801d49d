-- The order in which a workspace's migrations were requested (under the workspace's row lock), so each can name
-- the one before it (SchemaChangeRequested.previous_migration_id).
ALTER TABLE core."workspaceMigration" ADD COLUMN "sequence" bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX "workspaceMigration_workspace_sequence" ON core."workspaceMigration" ("workspaceId", "sequence");
