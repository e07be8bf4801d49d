-- auth-service's tables in the shared core schema: accounts, workspace memberships, API keys,
-- refresh tokens and the key that signs every token.

CREATE TABLE core."user" (
    "id"           uuid        PRIMARY KEY,
    "email"        text        NOT NULL,
    "passwordHash" text        NOT NULL,
    "createdAt"    timestamptz NOT NULL DEFAULT now()
);
-- Emails are unique whatever their case; sign-up relies on this index to refuse duplicates race-free.
CREATE UNIQUE INDEX "user_email_lower_key" ON core."user" (lower("email"));

CREATE TABLE core."userWorkspace" (
    "userId"      uuid        NOT NULL REFERENCES core."user" ("id") ON DELETE CASCADE,
    "workspaceId" uuid        NOT NULL,
    "role"        text        NOT NULL CHECK ("role" IN ('ADMIN', 'MEMBER')),
    "createdAt"   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY ("userId", "workspaceId")
);
CREATE INDEX "userWorkspace_workspaceId_idx" ON core."userWorkspace" ("workspaceId");

CREATE TABLE core."apiKey" (
    "id"              uuid        PRIMARY KEY,
    "workspaceId"     uuid        NOT NULL,
    "name"            text        NOT NULL,
    "expiresAt"       timestamptz NOT NULL,
    "revokedAt"       timestamptz,
    "createdByUserId" uuid        REFERENCES core."user" ("id") ON DELETE SET NULL,
    "createdAt"       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "apiKey_workspaceId_idx" ON core."apiKey" ("workspaceId");
-- Every verifying service loads the revoked, not yet expired keys at start-up.
CREATE INDEX "apiKey_revoked_idx" ON core."apiKey" ("expiresAt") WHERE "revokedAt" IS NOT NULL;

CREATE TABLE core."refreshToken" (
    "id"          uuid        PRIMARY KEY,
    "userId"      uuid        NOT NULL REFERENCES core."user" ("id") ON DELETE CASCADE,
    "workspaceId" uuid,
    -- SHA-256 of the token as issued: a leaked table yields nothing to present.
    "tokenHash"   text        NOT NULL,
    "expiresAt"   timestamptz NOT NULL,
    "revokedAt"   timestamptz,
    "createdAt"   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "refreshToken_userId_idx" ON core."refreshToken" ("userId");

-- The RSA key pair that signs tokens, shared by every replica; the newest row signs.
CREATE TABLE core."signingKey" (
    "id"         text        PRIMARY KEY,
    "privateKey" text        NOT NULL,
    "publicKey"  text        NOT NULL,
    "createdAt"  timestamptz NOT NULL DEFAULT now()
);
