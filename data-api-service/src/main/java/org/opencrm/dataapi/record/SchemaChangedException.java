package org.opencrm.dataapi.record;

/**
 * A statement named a column the table no longer has as named (a rename or drop applied before the data model
 * caught up), or a prepared statement's result type changed under it. {@link RecordOperations} reloads the model
 * and tries the operation once more; if that fails too, the client gets a 503 and retries.
 */
public class SchemaChangedException extends RecordStoreUnavailableException {

    public SchemaChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
