package org.opencrm.dataapi.record;

/** The database could not be reached or gave up on a transaction that may succeed if retried; 503 or UNAVAILABLE. */
public class RecordStoreUnavailableException extends RuntimeException {

    public RecordStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
