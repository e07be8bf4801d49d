package org.opencrm.schema.ddl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.opencrm.schema.SqlIdentifiers;

/**
 * Names foreign-key constraints as PostgreSQL would ({@code <table>_<column>_fkey}), shortened with a hash of the
 * full name when that exceeds 63 bytes, so long table and column names still get distinct, stable names.
 */
public final class ForeignKeyNames {

    private static final String SUFFIX = "_fkey";
    private static final int HASH_CHARS = 8;

    private ForeignKeyNames() {
    }

    public static String of(String table, String column) {
        String base = table + "_" + column;
        String name = base + SUFFIX;
        if (SqlIdentifiers.byteLength(name) <= SqlIdentifiers.MAX_IDENTIFIER_BYTES) {
            return name;
        }
        String tail = "_" + hash(name) + SUFFIX;
        return truncateUtf8(base, SqlIdentifiers.MAX_IDENTIFIER_BYTES - tail.length()) + tail;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** The longest prefix of whole code points that fits in {@code maxBytes} of UTF-8. */
    private static String truncateUtf8(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = SqlIdentifiers.byteLength(Character.toString(codePoint));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }
}
