package org.opencrm.schema.ddl;

import java.util.ArrayList;
import java.util.List;

import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.SearchSource;
import org.opencrm.proto.metadata.v1.SearchSourceKind;

/**
 * The expression of a stored generated search vector, as Twenty builds it: {@code to_tsvector('simple', ...)} over
 * the accent-folded text of each source column ({@link SearchSupport#UNACCENT_FUNCTION}), an email with its domain
 * part, a phone number as stored, as digits only, and prefixed with its calling code. Every function used is
 * IMMUTABLE, as PostgreSQL requires of a generation expression.
 */
public final class SearchVectorExpression {

    /** The text search configuration: words as written, no stemming, so names and addresses match exactly. */
    public static final String CONFIGURATION = "simple";

    private SearchVectorExpression() {
    }

    /**
     * The expression for a TSVECTOR column: from its {@code search_sources}, else from the older
     * {@code search_source_columns} read as plain text.
     *
     * @throws InvalidSchemaOperationException when the column names no source or a source name cannot be quoted
     */
    public static String of(Column column) {
        List<SearchSource> sources = sources(column);
        if (sources.isEmpty()) {
            throw new InvalidSchemaOperationException("a generated search vector has no source columns");
        }
        List<String> parts = new ArrayList<>();
        for (SearchSource source : sources) {
            parts.addAll(parts(source));
        }
        return "to_tsvector('" + CONFIGURATION + "', " + String.join(" || ' ' || ", parts) + ")";
    }

    /** The sources of a TSVECTOR column; empty when it has none (a plain tsvector column). */
    public static List<SearchSource> sources(Column column) {
        if (column.getSearchSourcesCount() > 0) {
            return column.getSearchSourcesList();
        }
        List<SearchSource> sources = new ArrayList<>(column.getSearchSourceColumnsCount());
        for (String name : column.getSearchSourceColumnsList()) {
            sources.add(SearchSource.newBuilder().setColumn(name).setKind(SearchSourceKind.SEARCH_SOURCE_KIND_TEXT).build());
        }
        return sources;
    }

    private static List<String> parts(SearchSource source) {
        String value = Identifiers.quoted(source.getColumn(), "search source column") + "::text";
        return switch (source.getKind()) {
            case SEARCH_SOURCE_KIND_TEXT -> List.of(unaccented(value));
            case SEARCH_SOURCE_KIND_EMAIL -> List.of(unaccented(value),
                    "coalesce(split_part(" + value + ", '@', 2), '')");
            case SEARCH_SOURCE_KIND_PHONE -> phone(source, value);
            case UNRECOGNIZED -> throw new InvalidSchemaOperationException("search source " + source.getColumn() + " has an unknown kind");
        };
    }

    private static List<String> phone(SearchSource source, String number) {
        String digits = "regexp_replace(coalesce(" + number + ", ''), '[^0-9]', '', 'g')";
        List<String> parts = new ArrayList<>(List.of("coalesce(" + number + ", '')", digits));
        if (!source.getCallingCodeColumn().isEmpty()) {
            String code = "coalesce(" + Identifiers.quoted(source.getCallingCodeColumn(), "calling code column") + "::text, '')";
            String codeDigits = "regexp_replace(" + code + ", '[^0-9]', '', 'g')";
            // "+33612345678" and "33612345678": what people type when they search a number with its country.
            parts.add("CASE WHEN " + digits + " = '' THEN '' ELSE " + code + " || " + digits + " END");
            parts.add("CASE WHEN " + digits + " = '' THEN '' ELSE " + codeDigits + " || " + digits + " END");
        }
        return parts;
    }

    private static String unaccented(String value) {
        return "coalesce(" + SearchSupport.UNACCENT_FUNCTION + "(" + value + "), '')";
    }
}
