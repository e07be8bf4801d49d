package org.opencrm.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Index names that fit PostgreSQL's 63 bytes and stay distinct when they had to be shortened. */
final class IndexNames {

    private static final int HASH_HEX_CHARS = 10;

    private IndexNames() {}

    /** {@code <prefix>_<table>_<columns...>}, cut and suffixed with a hash of the whole name if too long. */
    static String of(String prefix, String table, List<String> columns) {
        String name = prefix + "_" + table + "_" + String.join("_", columns);
        if (SqlIdentifiers.byteLength(name) <= SqlIdentifiers.MAX_IDENTIFIER_BYTES) {
            return name;
        }
        String suffix = "_" + hash(name);
        return truncateToBytes(name, SqlIdentifiers.MAX_IDENTIFIER_BYTES - suffix.length()) + suffix;
    }

    private static String truncateToBytes(String name, int maxBytes) {
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int length = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > maxBytes) {
                break;
            }
            kept.append(character);
            bytes += length;
            i += Character.charCount(codePoint);
        }
        return kept.toString();
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
