package org.opencrm.dataapi.record;

/** The object or the record does not exist in the caller's workspace; answered 404 or NOT_FOUND. */
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String message) {
        super(message);
    }

    static RecordNotFoundException object(String plural) {
        return new RecordNotFoundException("Object '" + plural + "' does not exist in this workspace");
    }

    static RecordNotFoundException record(String nameSingular, Object id) {
        return new RecordNotFoundException("No " + nameSingular + " with id " + id);
    }
}
