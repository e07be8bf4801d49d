package org.opencrm.dataapi.query;

import java.util.List;

/**
 * A parsed {@code filter}: conditions combined by {@code and(...)}, {@code or(...)} and {@code not(...)}. Fields are
 * still names here; {@link FilterSql} resolves them against an object and renders bound SQL.
 */
public sealed interface Filter {

    /**
     * Whether a condition anywhere in the filter names this field ({@code deletedAt}, or {@code name} for
     * {@code name.firstName}). Twenty shows soft-deleted records to a filter that names {@code deletedAt}.
     */
    default boolean mentions(String field) {
        return switch (this) {
            case All all -> all.parts().stream().anyMatch(part -> part.mentions(field));
            case Any any -> any.parts().stream().anyMatch(part -> part.mentions(field));
            case Not not -> not.part().mentions(field);
            case Condition condition -> condition.path().getFirst().equals(field);
        };
    }

    /** Every part holds; a top-level list without a conjunction is one, as in Twenty. */
    record All(List<Filter> parts) implements Filter {
        public All {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part holds. */
    record Any(List<Filter> parts) implements Filter {
        public Any {
            parts = List.copyOf(parts);
        }
    }

    record Not(Filter part) implements Filter {
    }

    /**
     * {@code name.firstName[eq]:"Ada"}.
     *
     * @param path   the field, and for a composite its part ({@code ["name", "firstName"]})
     * @param offset where the field starts in the filter text
     */
    record Condition(List<String> path, FilterOperator operator, Value value, int offset) implements Filter {
        public Condition {
            path = List.copyOf(path);
        }

        public String pathText() {
            return String.join(".", path);
        }
    }

    /** The right-hand side of a condition. */
    sealed interface Value {
        int offset();
    }

    /**
     * One value.
     *
     * @param text   the value with quotes removed and escapes resolved
     * @param quoted whether it was written in quotes (then it is always text, never {@code NULL})
     */
    record Scalar(String text, boolean quoted, int offset) implements Value {
    }

    /** {@code [a,"b",c]}, for {@code in} and {@code containsAny}. */
    record Values(List<Scalar> elements, int offset) implements Value {
        public Values {
            elements = List.copyOf(elements);
        }
    }
}
