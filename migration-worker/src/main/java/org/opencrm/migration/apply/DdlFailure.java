package org.opencrm.migration.apply;

import java.sql.SQLException;
import java.util.Set;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place that decides what a failed migration transaction means: try again now, record the migration as
 * failed, or leave the record to the listener's error handling because the fault is not the migration's.
 *
 * @param reason PostgreSQL's own message without SQL text, e.g. {@code relation "workspace_x.person" does not exist}
 */
record DdlFailure(Kind kind, String reason) {

    enum Kind {
        /** Another transaction held a lock or won a conflict: the same DDL may succeed on another try. */
        CONTENTION,
        /** PostgreSQL refused the DDL itself: every try fails the same way, so the migration has failed. */
        REJECTED,
        /** The database could not be reached or broke down: no verdict on the migration can be recorded. */
        INFRASTRUCTURE
    }

    private static final Set<String> CONTENTION_STATES = Set.of(
            "55P03", // lock_not_available, raised by lock_timeout
            "40P01", // deadlock_detected
            "40001"); // serialization_failure

    /** SQLState classes of connection loss, shutdown, exhausted resources and system errors. */
    private static final Set<String> INFRASTRUCTURE_CLASSES = Set.of("08", "53", "57", "58", "XX");

    static DdlFailure of(Throwable failure) {
        ServerErrorMessage serverError = serverError(failure);
        if (serverError == null || serverError.getSQLState() == null) {
            return new DdlFailure(Kind.INFRASTRUCTURE, String.valueOf(failure.getMessage()));
        }
        String state = serverError.getSQLState();
        String reason = serverError.getMessage();
        if (CONTENTION_STATES.contains(state)) {
            return new DdlFailure(Kind.CONTENTION, reason);
        }
        if (isInfrastructureState(state)) {
            return new DdlFailure(Kind.INFRASTRUCTURE, reason);
        }
        return new DdlFailure(Kind.REJECTED, reason);
    }

    /** Whether an SQLState says the database, not the statement, is at fault. */
    static boolean isInfrastructureState(String sqlState) {
        // 57014 (query_canceled, e.g. statement_timeout) is the statement's own doing, not a broken server.
        return sqlState != null && sqlState.length() == 5
                && INFRASTRUCTURE_CLASSES.contains(sqlState.substring(0, 2)) && !"57014".equals(sqlState);
    }

    /** The error PostgreSQL sent, wherever JDBC batching and Spring's translation put it. */
    private static ServerErrorMessage serverError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                        return psql.getServerErrorMessage();
                    }
                }
            }
        }
        return null;
    }
}
