package org.opencrm.migration.apply;

/**
 * A record that is not a usable {@code SchemaChangeRequested} (unparseable bytes, an id that is not a UUID): it
 * cannot be applied or even recorded against a migration, so it goes straight to the dead-letter topic.
 */
class MalformedSchemaChangeException extends RuntimeException {

    MalformedSchemaChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
