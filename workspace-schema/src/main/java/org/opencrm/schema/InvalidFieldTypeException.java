package org.opencrm.schema;

import java.util.List;
import java.util.stream.Collectors;

/** A field type or its options, as sent to the API, are not acceptable; the violations say why. */
public class InvalidFieldTypeException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidFieldTypeException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
