-- Every migration the worker has finished with, applied or failed: a migration id is handled at most once.
CREATE TABLE core."appliedWorkspaceMigration" (
    "migrationId" uuid        PRIMARY KEY,
    "workspaceId" uuid        NOT NULL,
    "success"     boolean     NOT NULL,
    "error"       text,
    "appliedAt"   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "appliedWorkspaceMigration_error_iff_failed" CHECK ("success" = ("error" IS NULL))
);
