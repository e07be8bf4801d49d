package org.opencrm.metadata.api;

import java.util.List;

/** The request broke one or more rules; answered 400 with every violation. */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(requireAny(violations).getFirst().message());
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String rule, String message) {
        this(List.of(new Violation(field, rule, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static List<Violation> requireAny(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one violation");
        }
        return violations;
    }
}
