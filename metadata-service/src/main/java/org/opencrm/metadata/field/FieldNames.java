package org.opencrm.metadata.field;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.opencrm.metadata.api.Violation;

/**
 * The rule on field names that {@link org.opencrm.schema.NameRules} leaves to the API: a field may not be named
 * after an SQL reserved key word (PostgreSQL's list), which would read as SQL in every query the data API writes.
 */
final class FieldNames {

    private static final Set<String> SQL_RESERVED_WORDS = Set.of(
            "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
            "authorization", "between", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "default", "deferrable", "delete", "desc",
            "distinct", "do", "drop", "else", "end", "except", "exists", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "index", "initially", "inner",
            "insert", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit",
            "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
            "order", "outer", "overlaps", "placing", "primary", "references", "returning", "revoke", "right",
            "schema", "select", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
            "trailing", "true", "truncate", "union", "unique", "update", "user", "using", "values", "variadic",
            "verbose", "view", "when", "where", "window", "with");

    private FieldNames() {
    }

    static List<Violation> reservedWord(String property, String name) {
        if (name != null && SQL_RESERVED_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return List.of(new Violation(property, "reserved-word", "'" + name + "' is an SQL reserved word"));
        }
        return List.of();
    }
}
