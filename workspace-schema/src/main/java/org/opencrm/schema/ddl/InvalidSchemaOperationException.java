package org.opencrm.schema.ddl;

/**
 * A schema operation that cannot be turned into safe DDL (an empty name, an unknown type, a non-finite number).
 * Permanent: delivering the same operation again fails the same way, so the migration is recorded as failed.
 */
public class InvalidSchemaOperationException extends RuntimeException {

    public InvalidSchemaOperationException(String message) {
        super(message);
    }
}
