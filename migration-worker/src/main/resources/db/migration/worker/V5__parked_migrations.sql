-- Migrations that arrived before the migration requested just before them had settled: each waits here, with its
-- request, and is applied as soon as that one is (MigrationApplier).
CREATE TABLE core."parkedWorkspaceMigration" (
    "migrationId"         uuid        PRIMARY KEY,
    "workspaceId"         uuid        NOT NULL,
    "previousMigrationId" uuid        NOT NULL,
    "request"             bytea       NOT NULL,
    "parkedAt"            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX "parkedWorkspaceMigration_workspace" ON core."parkedWorkspaceMigration" ("workspaceId");
