-- Schema evolution: what restores the metadata when a migration fails, what a reconcile found, and the indexes
-- created through the metadata API, as Twenty keeps them (core."indexMetadata", core."indexFieldMetadata").

-- The metadata rows as they were before the change (and the rows it created), put back if the migration fails.
ALTER TABLE core."workspaceMigration" ADD COLUMN "undo" jsonb;
-- For a Reconcile: every difference migration-worker found between the catalog and the metadata.
ALTER TABLE core."workspaceMigration" ADD COLUMN "drift" jsonb;

CREATE TABLE core."indexMetadata" (
    "id"                   uuid PRIMARY KEY,
    "workspaceId"          uuid         NOT NULL REFERENCES core."workspace" ("id") ON DELETE CASCADE,
    "objectMetadataId"     uuid         NOT NULL REFERENCES core."objectMetadata" ("id") ON DELETE CASCADE,
    "name"                 varchar(63)  NOT NULL,
    "indexType"            varchar(16)  NOT NULL CHECK ("indexType" IN ('BTREE', 'GIN')),
    "isUnique"             boolean      NOT NULL DEFAULT false,
    "indexWhereClause"     text,
    "isCustom"             boolean      NOT NULL DEFAULT true,
    -- The migration that creates the index; its status is the index's migration status.
    "workspaceMigrationId" uuid         NOT NULL REFERENCES core."workspaceMigration" ("id"),
    "createdAt"            timestamptz  NOT NULL DEFAULT now(),
    "updatedAt"            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT "IDX_INDEX_METADATA_NAME_WORKSPACE_ID_UNIQUE" UNIQUE ("workspaceId", "name")
);

CREATE INDEX "IDX_INDEX_METADATA_OBJECT_METADATA_ID" ON core."indexMetadata" ("objectMetadataId");

CREATE TABLE core."indexFieldMetadata" (
    "id"              uuid PRIMARY KEY,
    "indexMetadataId" uuid        NOT NULL REFERENCES core."indexMetadata" ("id") ON DELETE CASCADE,
    "fieldMetadataId" uuid        NOT NULL REFERENCES core."fieldMetadata" ("id") ON DELETE CASCADE,
    "order"           integer     NOT NULL,
    "createdAt"       timestamptz NOT NULL DEFAULT now(),
    "updatedAt"       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "IDX_INDEX_FIELD_METADATA_INDEX_FIELD_UNIQUE" UNIQUE ("indexMetadataId", "fieldMetadataId")
);

CREATE INDEX "IDX_INDEX_FIELD_METADATA_FIELD_METADATA_ID" ON core."indexFieldMetadata" ("fieldMetadataId");
