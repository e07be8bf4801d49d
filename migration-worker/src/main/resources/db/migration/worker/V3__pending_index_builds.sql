-- The indexes of an applied migration still to be built with CREATE INDEX CONCURRENTLY, outside its transaction:
-- a SchemaChangeRequested holding only those CreateIndex operations; NULL once none is left. "appliedAt" is the
-- time the last of them was built.
ALTER TABLE core."appliedWorkspaceMigration" ADD COLUMN "pendingIndexes" bytea;
