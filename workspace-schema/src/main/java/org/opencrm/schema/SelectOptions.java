package org.opencrm.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every option list must follow: enum values become PostgreSQL enum labels. */
final class SelectOptions {

    static final Pattern VALUE = Pattern.compile("^[A-Z][A-Z0-9_]*$");

    /** PostgreSQL truncates enum labels longer than this (NAMEDATALEN - 1). */
    private static final int MAX_VALUE_BYTES = 63;

    private SelectOptions() {}

    static List<Violation> violations(String property, List<SelectOption> options) {
        List<Violation> violations = new ArrayList<>();
        if (options.isEmpty()) {
            violations.add(new Violation(property, "empty", "at least one option is required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String value = options.get(i).value();
            String at = property + "[" + i + "].value";
            if (!VALUE.matcher(value).matches()) {
                violations.add(new Violation(at, "enum-value-format",
                        "option value '" + value + "' must match ^[A-Z][A-Z0-9_]*$"));
            } else if (value.length() > MAX_VALUE_BYTES) {
                violations.add(new Violation(at, "too-long",
                        "option value '" + value + "' is longer than " + MAX_VALUE_BYTES + " characters"));
            }
            if (!seen.add(value)) {
                violations.add(new Violation(at, "duplicate", "option value '" + value + "' appears twice"));
            }
        }
        return violations;
    }

    static void requireValid(List<SelectOption> options) {
        List<Violation> violations = violations("options", options);
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
    }
}
