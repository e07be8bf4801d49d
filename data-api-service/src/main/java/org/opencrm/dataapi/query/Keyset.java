package org.opencrm.dataapi.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The condition "comes after this row in this order", for keyset paging: over keys k1..kn with the row's values
 * v1..vn, the rows where for some i the first i-1 keys equal and key i is past v_i. Each comparison respects its
 * key's direction and null placement; nulls compare equal to nulls. Values are bound as the text PostgreSQL gave
 * them and cast back to the column's type, so no precision is lost on the way through the cursor.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * @param values the row's sort key values as text, null for SQL NULL, one per key of {@code order}
     * @param schema the workspace schema, for casts to its enum types
     */
    public static String after(OrderBy order, List<String> values, String schema, SqlParameters parameters) {
        List<OrderBy.SortKey> keys = order.keys();
        if (values.size() != keys.size()) {
            throw new IllegalArgumentException("one value per sort key");
        }
        List<String> bound = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String value = values.get(i);
            bound.add(value == null ? null
                    : "CAST(" + parameters.bind(value) + " AS " + keys.get(i).field().castType(schema) + ")");
        }
        if (rowComparable(keys, values)) {
            List<String> columns = keys.stream().map(key -> key.field().sql()).toList();
            return "(" + String.join(", ", columns) + ")" + (keys.getFirst().direction().descending() ? " < " : " > ")
                    + "(" + String.join(", ", bound) + ")";
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String past = past(keys.get(i), bound.get(i));
            if (past == null) {
                continue;
            }
            List<String> conjuncts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                conjuncts.add(equal(keys.get(j), bound.get(j)));
            }
            conjuncts.add(past);
            alternatives.add(conjuncts.size() == 1 ? conjuncts.getFirst() : "(" + String.join(" AND ", conjuncts) + ")");
        }
        return alternatives.isEmpty() ? "FALSE" : "(" + String.join(" OR ", alternatives) + ")";
    }

    /**
     * Whether one row comparison says the same: every key NOT NULL and every key in the same direction. PostgreSQL
     * reads a row comparison as one range of a composite index.
     */
    private static boolean rowComparable(List<OrderBy.SortKey> keys, List<String> values) {
        boolean descending = keys.getFirst().direction().descending();
        for (int i = 0; i < keys.size(); i++) {
            OrderBy.SortKey key = keys.get(i);
            if (key.field().nullable() || values.get(i) == null || key.direction().descending() != descending) {
                return false;
            }
        }
        return true;
    }

    /** Rows past {@code value} on this key alone; null when none can be. */
    private static String past(OrderBy.SortKey key, String value) {
        String column = key.field().sql();
        boolean nullable = key.field().nullable();
        if (value == null) {
            return key.direction().nullsFirst() ? column + " IS NOT NULL" : null;
        }
        String compared = column + (key.direction().descending() ? " < " : " > ") + value;
        if (nullable && !key.direction().nullsFirst()) {
            return "(" + compared + " OR " + column + " IS NULL)";
        }
        return compared;
    }

    private static String equal(OrderBy.SortKey key, String value) {
        String column = key.field().sql();
        if (value == null) {
            return column + " IS NULL";
        }
        return column + " = " + value;
    }
}
