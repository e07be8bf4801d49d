package org.opencrm.migration.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.opencrm.migration.apply.DdlFailure.Kind;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DdlFailureTest {

    @Test
    void treatsLockTimeoutsDeadlocksAndSerializationFailuresAsContention() {
        assertThat(DdlFailure.of(serverError("55P03", "canceling statement due to lock timeout")))
                .isEqualTo(new DdlFailure(Kind.CONTENTION, "canceling statement due to lock timeout"));
        assertThat(DdlFailure.of(serverError("40P01", "deadlock detected")).kind()).isEqualTo(Kind.CONTENTION);
        assertThat(DdlFailure.of(serverError("40001", "could not serialize access")).kind()).isEqualTo(Kind.CONTENTION);
    }

    @Test
    void treatsWhatPostgresRefusesAsRejectedWithItsMessageAlone() {
        var failure = new BadSqlGrammarException("StatementCallback", "ALTER TABLE \"workspace_x\".\"y\" ADD COLUMN \"x\" text",
                batchFailure(serverError("42701", "column \"x\" of relation \"y\" already exists")));

        assertThat(DdlFailure.of(failure)).isEqualTo(new DdlFailure(Kind.REJECTED, "column \"x\" of relation \"y\" already exists"));
        assertThat(DdlFailure.of(serverError("57014", "canceling statement due to statement timeout")).kind()).isEqualTo(Kind.REJECTED);
    }

    @Test
    void leavesAnUnreachableOrBrokenDatabaseToTheListener() {
        assertThat(DdlFailure.of(new CannotGetJdbcConnectionException("no connection",
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))).kind()).isEqualTo(Kind.INFRASTRUCTURE);
        assertThat(DdlFailure.of(serverError("57P01", "terminating connection due to administrator command")).kind())
                .isEqualTo(Kind.INFRASTRUCTURE);
        assertThat(DdlFailure.of(serverError("53100", "could not extend file")).kind()).isEqualTo(Kind.INFRASTRUCTURE);
        assertThat(DdlFailure.of(new IllegalStateException("not SQL at all")).kind()).isEqualTo(Kind.INFRASTRUCTURE);
    }

    private static PSQLException serverError(String sqlState, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0M" + message + "\0"));
    }

    /** As the driver reports a failed batch: the server's error hangs off the batch exception. */
    private static BatchUpdateException batchFailure(SQLException cause) {
        var batch = new BatchUpdateException("Batch entry 0 ALTER TABLE ... was aborted", cause.getSQLState(), new int[0]);
        batch.setNextException(cause);
        return batch;
    }
}
