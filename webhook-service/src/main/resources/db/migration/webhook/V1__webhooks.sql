-- Partner webhooks and the log of every attempt to deliver to them.

CREATE TABLE core."webhook" (
    "id"          uuid        PRIMARY KEY,
    "workspaceId" uuid        NOT NULL,
    "targetUrl"   text        NOT NULL,
    "operations"  text[]      NOT NULL,
    "secret"      text        NOT NULL,
    "description" text,
    "createdAt"   timestamptz NOT NULL DEFAULT now(),
    "updatedAt"   timestamptz NOT NULL DEFAULT now(),
    "deletedAt"   timestamptz
);

-- Every record event looks up its workspace's live webhooks.
CREATE INDEX "IDX_webhook_workspaceId_live" ON core."webhook" ("workspaceId") WHERE "deletedAt" IS NULL;

-- One row per attempt; a retry is a new row numbered one higher.
CREATE TABLE core."webhookDelivery" (
    "id"             uuid        PRIMARY KEY,
    "webhookId"      uuid        NOT NULL REFERENCES core."webhook" ("id"),
    "eventId"        uuid        NOT NULL,
    "eventName"      text        NOT NULL,
    "attempt"        integer     NOT NULL CHECK ("attempt" >= 1),
    "status"         text        NOT NULL CHECK ("status" IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    "responseStatus" integer,
    "error"          text,
    "nextAttemptAt"  timestamptz,
    "createdAt"      timestamptz NOT NULL DEFAULT now(),
    "deliveredAt"    timestamptz,
    -- text, not jsonb: the exact bytes that were signed and sent, resent unchanged on retries.
    "payload"        text        NOT NULL,
    CONSTRAINT "UQ_webhookDelivery_attempt" UNIQUE ("webhookId", "eventId", "attempt")
);

-- The poller's query: due pending attempts, oldest first.
CREATE INDEX "IDX_webhookDelivery_due" ON core."webhookDelivery" ("nextAttemptAt") WHERE "status" = 'PENDING';

-- The delivery log of one webhook, newest first.
CREATE INDEX "IDX_webhookDelivery_webhook_createdAt" ON core."webhookDelivery" ("webhookId", "createdAt" DESC);
