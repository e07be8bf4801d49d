-- A migration whose indexes built after its commit could not all be built stays a success ("error" stays NULL):
-- the indexes that failed and why are kept apart.
ALTER TABLE core."appliedWorkspaceMigration"
    ADD COLUMN "failedIndexes" text[],
    ADD COLUMN "indexError"    text;
