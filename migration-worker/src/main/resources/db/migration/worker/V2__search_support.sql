-- What search vectors need before any workspace table uses them (org.opencrm.schema.ddl.SearchSupport, kept equal
-- by SearchSupportMigrationTest): accent folding, through an IMMUTABLE wrapper a generated column may call.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE OR REPLACE FUNCTION public.unaccent_immutable(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
