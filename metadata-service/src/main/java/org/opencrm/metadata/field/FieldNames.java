package org.opencrm.metadata.field;

import java.util.List;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.NameRules;

/**
 * The rule on field names that {@link NameRules#validateField} leaves to the API: a field may not be named after an
 * SQL reserved key word ({@link NameRules#isReservedWord}), which would read as SQL in every query the data API
 * writes.
 */
final class FieldNames {

    private FieldNames() {
    }

    static List<Violation> reservedWord(String property, String name) {
        if (NameRules.isReservedWord(name)) {
            return List.of(new Violation(property, "reserved-word", "'" + name + "' is an SQL reserved word"));
        }
        return List.of();
    }
}
