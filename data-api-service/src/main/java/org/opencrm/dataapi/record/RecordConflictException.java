package org.opencrm.dataapi.record;

/** A write would duplicate a value that must be unique; answered 409 or ALREADY_EXISTS. */
public class RecordConflictException extends RuntimeException {

    public RecordConflictException(String message) {
        super(message);
    }
}
