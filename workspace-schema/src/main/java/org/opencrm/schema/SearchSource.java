package org.opencrm.schema;

import java.util.Objects;
import org.opencrm.proto.metadata.v1.SearchSourceKind;

/**
 * One column a search vector covers, and how: Twenty indexes the words of a text, an email with its domain, and a
 * phone number also with its calling code.
 *
 * @param column the physical column ({@code emailsPrimaryEmail})
 * @param callingCodeColumn for {@link Kind#PHONE}, the column holding the calling code ("+33"); null otherwise
 */
public record SearchSource(String column, Kind kind, String callingCodeColumn) {

    /** How a column's value becomes words. */
    public enum Kind {
        /** The unaccented words of the text. */
        TEXT,
        /** The address and its domain (the part after '@'). */
        EMAIL,
        /** The number as stored, its digits, and with its calling code. */
        PHONE
    }

    public SearchSource {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.PHONE && callingCodeColumn != null) {
            throw new IllegalArgumentException("only a phone source has a calling code column");
        }
    }

    public static SearchSource text(String column) {
        return new SearchSource(column, Kind.TEXT, null);
    }

    public org.opencrm.proto.metadata.v1.SearchSource toProto() {
        org.opencrm.proto.metadata.v1.SearchSource.Builder source =
                org.opencrm.proto.metadata.v1.SearchSource.newBuilder()
                        .setColumn(column)
                        .setKind(switch (kind) {
                            case TEXT -> SearchSourceKind.SEARCH_SOURCE_KIND_TEXT;
                            case EMAIL -> SearchSourceKind.SEARCH_SOURCE_KIND_EMAIL;
                            case PHONE -> SearchSourceKind.SEARCH_SOURCE_KIND_PHONE;
                        });
        if (callingCodeColumn != null) {
            source.setCallingCodeColumn(callingCodeColumn);
        }
        return source.build();
    }
}
