-- The outbox of one service and the ids of the events its consumers have handled.
-- Placeholders: outboxTable, processedEventsTable (see OutboxConfiguration).
CREATE TABLE IF NOT EXISTS core."${outboxTable}" (
    "id"        bigserial   PRIMARY KEY,
    "eventId"   uuid        NOT NULL UNIQUE,
    "topic"     text        NOT NULL,
    "key"       text        NOT NULL,
    "eventType" text        NOT NULL,
    "payload"   bytea       NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS core."${processedEventsTable}" (
    "consumer"    text        NOT NULL,
    "eventId"     uuid        NOT NULL,
    "processedAt" timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY ("consumer", "eventId")
);
