package org.opencrm.schema;

import java.nio.charset.StandardCharsets;

/** The one function of the platform that turns a name into a SQL identifier. */
public final class SqlIdentifiers {

    /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated, so two names could meet. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private SqlIdentifiers() {}

    /**
     * The name as a quoted PostgreSQL identifier, embedded double quotes doubled.
     *
     * @throws IllegalArgumentException if the name is empty, holds a NUL character or is over 63 bytes
     */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier must not contain NUL");
        }
        if (byteLength(name) > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException(
                    "SQL identifier longer than " + MAX_IDENTIFIER_BYTES + " bytes: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualify(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }

    /** The length PostgreSQL counts against the identifier limit. */
    public static int byteLength(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
