package org.opencrm.webhook;

import java.util.List;

/** A request that broke one or more validation rules; answered with 400 and every violation. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.isEmpty() ? "Invalid request" : violations.getFirst().message());
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
