package org.opencrm.dataapi.record;

import org.opencrm.dataapi.query.InvalidQueryException;

/** Turns a query parameter's fault into the records API's 400, keeping the parameter, the rule and the offset. */
final class InvalidQueries {

    static final String UNKNOWN_FIELD = "unknown-field";

    private InvalidQueries() {
    }

    static InvalidRecordRequestException asRequestError(InvalidQueryException e) {
        return InvalidRecordRequestException.of(e.parameter(), e.rule(), e.getMessage());
    }
}
