package org.opencrm.dataapi.importing;

import java.util.List;

import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.Violation;

/** An import body, or one row of it, broke a rule: for the body a 400 naming the columns, for a row a rejection. */
class ImportRejectedException extends InvalidRecordRequestException {

    ImportRejectedException(List<Violation> violations) {
        super(violations);
    }
}
