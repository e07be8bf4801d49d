package org.opencrm.dataapi.record;

import java.util.List;
import java.util.stream.Collectors;

/** A record request broke one or more rules; answered 400 (HTTP) or INVALID_ARGUMENT (gRPC). */
public class InvalidRecordRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidRecordRequestException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    static InvalidRecordRequestException of(String field, String rule, String message) {
        return new InvalidRecordRequestException(List.of(new Violation(field, rule, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
