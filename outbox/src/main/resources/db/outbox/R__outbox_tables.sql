-- The outbox of one service, the rows of it Kafka can never accept, and the ids of the events its consumers have
-- handled. Placeholders: outboxTable, processedEventsTable (see OutboxConfiguration).
-- Repeatable: Flyway runs it again whenever it changes, so every statement must be idempotent.
CREATE TABLE IF NOT EXISTS core."${outboxTable}" (
    "id"        bigserial   PRIMARY KEY,
    "eventId"   uuid        NOT NULL UNIQUE,
    "topic"     text        NOT NULL,
    "key"       text        NOT NULL,
    "eventType" text        NOT NULL,
    "payload"   bytea       NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now()
);

-- Moved here by the relay, with Kafka's reason, when a retry cannot help (a record too large, an invalid topic).
CREATE TABLE IF NOT EXISTS core."${outboxTable}DeadLetter" (
    "id"        bigint      PRIMARY KEY,
    "eventId"   uuid        NOT NULL,
    "topic"     text        NOT NULL,
    "key"       text        NOT NULL,
    "eventType" text        NOT NULL,
    "payload"   bytea       NOT NULL,
    "createdAt" timestamptz NOT NULL,
    "error"     text        NOT NULL,
    "failedAt"  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS core."${processedEventsTable}" (
    "consumer"    text        NOT NULL,
    "eventId"     uuid        NOT NULL,
    "processedAt" timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY ("consumer", "eventId")
);
