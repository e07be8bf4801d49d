package org.opencrm.schema;

import java.util.Objects;

/**
 * One option of a SELECT, MULTI_SELECT or RATING field.
 *
 * @param value the stored enum value, {@code ^[A-Z][A-Z0-9_]*$}
 * @param label what users see
 * @param color a colour name of Twenty's palette ("green", "blue"...), may be null
 * @param position the option's rank in lists
 */
public record SelectOption(String value, String label, String color, int position) {

    public SelectOption {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }
}
