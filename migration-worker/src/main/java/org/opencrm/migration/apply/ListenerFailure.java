package org.opencrm.migration.apply;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one place that decides what becomes of a schema-change record the listener threw on, by what went wrong.
 * Migrations a workspace needs must run in order, so a record leaves its partition unapplied only when waiting
 * cannot help.
 */
enum ListenerFailure {

    /** Not a usable {@code SchemaChangeRequested}: no delivery can apply it, so it goes to the dead-letter topic at once. */
    MALFORMED,
    /**
     * The database is unreachable or broken down: the record is redelivered, with backoff, until it comes back. The
     * partition waits meanwhile, which keeps each workspace's migrations in order.
     */
    INFRASTRUCTURE,
    /**
     * Anything else, such as an outcome the database refuses to record: a few deliveries, then the dead-letter topic,
     * so that one record does not block its partition for good.
     */
    UNEXPECTED;

    /** Spring's translations of an unreachable database, and the JDBC exceptions they translate. */
    private static final List<Class<? extends Throwable>> INFRASTRUCTURE_TYPES = List.of(
            DataAccessResourceFailureException.class, // CannotGetJdbcConnectionException among them
            TransientDataAccessException.class,
            RecoverableDataAccessException.class,
            CannotCreateTransactionException.class, // the transaction manager found no connection
            SQLTransientException.class, // a pool that timed out waiting for a connection
            SQLRecoverableException.class,
            SQLNonTransientConnectionException.class);

    static ListenerFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedSchemaChangeException) {
                return MALFORMED;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable current = cause;
            if (INFRASTRUCTURE_TYPES.stream().anyMatch(type -> type.isInstance(current))) {
                return INFRASTRUCTURE;
            }
            if (cause instanceof SQLException sql && DdlFailure.isInfrastructureState(sql.getSQLState())) {
                return INFRASTRUCTURE;
            }
        }
        return UNEXPECTED;
    }
}
