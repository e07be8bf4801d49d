package org.opencrm.dataapi.query;

import java.util.Arrays;
import java.util.Optional;

/** The comparators of Twenty's REST filter grammar, by their names in {@code field[op]:value}. */
public enum FilterOperator {
    EQ("eq"),
    NEQ("neq"),
    IN("in"),
    CONTAINS_ANY("containsAny"),
    IS("is"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte"),
    STARTS_WITH("startsWith"),
    ENDS_WITH("endsWith"),
    LIKE("like"),
    ILIKE("ilike");

    private final String twentyName;

    FilterOperator(String twentyName) {
        this.twentyName = twentyName;
    }

    public String twentyName() {
        return twentyName;
    }

    /** Whether the value is a list {@code [a,b]}. */
    public boolean takesList() {
        return this == IN || this == CONTAINS_ANY;
    }

    public static Optional<FilterOperator> named(String name) {
        return Arrays.stream(values()).filter(op -> op.twentyName.equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(FilterOperator::twentyName).toList());
    }
}
