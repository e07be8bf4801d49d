-- The metadata engine: workspaces, where their schemas live, the objects and fields that define
-- those schemas, and the schema migrations requested for them (applied by migration-worker).

CREATE TABLE core."workspace" (
    "id"               uuid PRIMARY KEY,
    "displayName"      varchar(100) NOT NULL,
    "activationStatus" varchar(32)  NOT NULL
        CHECK ("activationStatus" IN ('PENDING_CREATION', 'ACTIVE', 'FAILED_CREATION', 'INACTIVE')),
    "schemaName"       varchar(63)  NOT NULL UNIQUE,
    "creatorUserId"    uuid         NOT NULL,
    "createdAt"        timestamptz  NOT NULL DEFAULT now(),
    "updatedAt"        timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX "IDX_WORKSPACE_CREATOR_USER_ID" ON core."workspace" ("creatorUserId");

-- One row per workspace: the PostgreSQL cluster and schema that hold its records.
CREATE TABLE core."dataSource" (
    "id"          uuid PRIMARY KEY,
    "workspaceId" uuid         NOT NULL UNIQUE REFERENCES core."workspace" ("id") ON DELETE CASCADE,
    "schema"      varchar(63)  NOT NULL,
    "cluster"     varchar(100) NOT NULL,
    "type"        varchar(32)  NOT NULL DEFAULT 'POSTGRES',
    "createdAt"   timestamptz  NOT NULL DEFAULT now(),
    "updatedAt"   timestamptz  NOT NULL DEFAULT now()
);

-- A requested schema change: the SchemaChangeRequested event as published (protobuf), and its outcome.
CREATE TABLE core."workspaceMigration" (
    "id"          uuid PRIMARY KEY,
    "workspaceId" uuid         NOT NULL REFERENCES core."workspace" ("id") ON DELETE CASCADE,
    "name"        varchar(255) NOT NULL,
    "isCustom"    boolean      NOT NULL,
    "request"     bytea        NOT NULL,
    "status"      varchar(16)  NOT NULL CHECK ("status" IN ('PENDING', 'APPLIED', 'FAILED')),
    "appliedAt"   timestamptz,
    "error"       text,
    "createdAt"   timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX "IDX_WORKSPACE_MIGRATION_WORKSPACE_ID" ON core."workspaceMigration" ("workspaceId", "createdAt");

CREATE TABLE core."objectMetadata" (
    "id"                   uuid PRIMARY KEY,
    "workspaceId"          uuid         NOT NULL REFERENCES core."workspace" ("id") ON DELETE CASCADE,
    "dataSourceId"         uuid         NOT NULL REFERENCES core."dataSource" ("id") ON DELETE CASCADE,
    "nameSingular"         varchar(63)  NOT NULL,
    "namePlural"           varchar(63)  NOT NULL,
    "labelSingular"        varchar(255) NOT NULL,
    "labelPlural"          varchar(255) NOT NULL,
    "description"          text,
    "icon"                 varchar(255),
    "targetTableName"      varchar(63)  NOT NULL,
    "isCustom"             boolean      NOT NULL,
    "isSystem"             boolean      NOT NULL DEFAULT false,
    "isActive"             boolean      NOT NULL DEFAULT true,
    -- The migration that creates the table; its status is the object's migration status.
    "workspaceMigrationId" uuid         NOT NULL REFERENCES core."workspaceMigration" ("id"),
    "createdAt"            timestamptz  NOT NULL DEFAULT now(),
    "updatedAt"            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT "IDX_OBJECT_METADATA_NAME_SINGULAR_WORKSPACE_ID_UNIQUE" UNIQUE ("workspaceId", "nameSingular"),
    CONSTRAINT "IDX_OBJECT_METADATA_NAME_PLURAL_WORKSPACE_ID_UNIQUE" UNIQUE ("workspaceId", "namePlural")
);

CREATE INDEX "IDX_OBJECT_METADATA_MIGRATION_ID" ON core."objectMetadata" ("workspaceMigrationId");

CREATE TABLE core."fieldMetadata" (
    "id"                             uuid PRIMARY KEY,
    "workspaceId"                    uuid         NOT NULL REFERENCES core."workspace" ("id") ON DELETE CASCADE,
    "objectMetadataId"               uuid         NOT NULL REFERENCES core."objectMetadata" ("id") ON DELETE CASCADE,
    "name"                           varchar(63)  NOT NULL,
    "label"                          varchar(255) NOT NULL,
    "description"                    text,
    "icon"                           varchar(255),
    "type"                           varchar(32)  NOT NULL,
    "isNullable"                     boolean      NOT NULL DEFAULT true,
    "isUnique"                       boolean      NOT NULL DEFAULT false,
    "isSystem"                       boolean      NOT NULL DEFAULT false,
    "isCustom"                       boolean      NOT NULL,
    "isActive"                       boolean      NOT NULL DEFAULT true,
    "defaultValue"                   jsonb,
    "options"                        jsonb,
    "settings"                       jsonb,
    "relationTargetObjectMetadataId" uuid REFERENCES core."objectMetadata" ("id") ON DELETE CASCADE,
    -- Both sides of a relation are written in one batch, so the check waits for the commit.
    "relationTargetFieldMetadataId"  uuid REFERENCES core."fieldMetadata" ("id") ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED,
    -- The migration that creates the column(s); its status is the field's migration status.
    "workspaceMigrationId"           uuid         NOT NULL REFERENCES core."workspaceMigration" ("id"),
    "createdAt"                      timestamptz  NOT NULL DEFAULT now(),
    "updatedAt"                      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT "IDX_FIELD_METADATA_NAME_OBJECT_METADATA_ID_UNIQUE" UNIQUE ("objectMetadataId", "name")
);

CREATE INDEX "IDX_FIELD_METADATA_WORKSPACE_ID" ON core."fieldMetadata" ("workspaceId");
CREATE INDEX "IDX_FIELD_METADATA_MIGRATION_ID" ON core."fieldMetadata" ("workspaceMigrationId");
CREATE INDEX "IDX_FIELD_METADATA_RELATION_TARGET_OBJECT" ON core."fieldMetadata" ("relationTargetObjectMetadataId");
CREATE INDEX "IDX_FIELD_METADATA_RELATION_TARGET_FIELD" ON core."fieldMetadata" ("relationTargetFieldMetadataId");
