package org.opencrm.schema.ddl;

import java.util.List;

/**
 * What search vectors need in the database before any workspace table uses them: the {@code unaccent} extension and
 * an IMMUTABLE wrapper around it (PostgreSQL's own {@code unaccent(text)} is only STABLE, because it finds its
 * dictionary through the search path, so a generated column cannot call it). Each statement is idempotent; run them
 * once per database, before the first workspace is created.
 */
public final class SearchSupport {

    /** The accent-folding function search vectors call, schema-qualified. */
    public static final String UNACCENT_FUNCTION = "public.unaccent_immutable";

    private static final List<String> STATEMENTS = List.of(
            "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public",
            // The dictionary is named, so the result no longer depends on the search path.
            "CREATE OR REPLACE FUNCTION " + UNACCENT_FUNCTION + "(text) RETURNS text"
                    + " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
                    + " AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$");

    private SearchSupport() {
    }

    /** The statements, in order, each safe to run again. */
    public static List<String> statements() {
        return STATEMENTS;
    }
}
