-- Bulk imports of records (POST /rest/imports/{plural}): one row per import, its progress and its rejected rows.
CREATE TABLE core."importJob" (
    "id"               uuid        PRIMARY KEY,
    "workspaceId"      uuid        NOT NULL,
    "objectMetadataId" uuid        NOT NULL,
    "objectNamePlural" text        NOT NULL,
    "format"           text        NOT NULL,
    -- QUEUED, RUNNING, COMPLETED, FAILED
    "status"           text        NOT NULL,
    "rowsDone"         bigint      NOT NULL DEFAULT 0,
    "rowsTotal"        bigint,
    "rowsRejected"     bigint      NOT NULL DEFAULT 0,
    -- [{"line", "field", "reason"}], the first crm.dataapi.imports.max-listed-rejections of them
    "rejected"         jsonb       NOT NULL DEFAULT '[]',
    "error"            text,
    "createdAt"        timestamptz NOT NULL DEFAULT now(),
    "startedAt"        timestamptz,
    "finishedAt"       timestamptz
);

CREATE INDEX "importJob_workspaceId_createdAt_idx" ON core."importJob" ("workspaceId", "createdAt");
