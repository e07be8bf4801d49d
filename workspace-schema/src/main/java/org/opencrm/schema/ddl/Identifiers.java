package org.opencrm.schema.ddl;

import org.opencrm.schema.SqlIdentifiers;

/** Quotes the names an operation carries, turning a name that cannot be quoted into a rejected operation. */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * The quoted identifier. Names that are empty, hold NUL or exceed 63 bytes (which PostgreSQL would silently
     * truncate into another name) are refused.
     */
    static String quoted(String name, String what) {
        try {
            return SqlIdentifiers.quote(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidSchemaOperationException(what + ": " + e.getMessage());
        }
    }
}
