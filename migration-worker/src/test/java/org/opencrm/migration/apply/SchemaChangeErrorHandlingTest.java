package org.opencrm.migration.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.core.NestedRuntimeException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.CannotCreateTransactionException;

class SchemaChangeErrorHandlingTest {

    /** As in production, only faster: five deliveries of a record that fails for another reason. */
    private static final ListenerProperties PROPERTIES = new ListenerProperties(5, Duration.ofMillis(1), Duration.ofMillis(4));

    private final List<ConsumerRecord<?, ?>> parked = new ArrayList<>();
    private final DefaultErrorHandler handler = SchemaChangeConsumerConfiguration.errorHandler((record, failure) -> parked.add(record), PROPERTIES);
    private final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("crm.metadata.schema-changes.v1", 0, 42L, "key", new byte[0]);
    @SuppressWarnings("unchecked")
    private final Consumer<String, byte[]> consumer = mock(Consumer.class);
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);

    @BeforeEach
    void container() {
        when(container.isRunning()).thenReturn(true);
        when(container.getContainerProperties()).thenReturn(new ContainerProperties("crm.metadata.schema-changes.v1"));
    }

    @Test
    void keepsRedeliveringWhileTheDatabaseIsUnreachable() {
        var noConnection = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLException("Connection is not available", "08001"));

        for (int delivery = 1; delivery <= 4 * PROPERTIES.deliveryAttempts(); delivery++) {
            assertThat(redeliversAfter(noConnection)).as("delivery %d", delivery).isTrue();
        }
        assertThat(redeliversAfter(new CannotGetJdbcConnectionException("no connection",
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();

        assertThat(parked).isEmpty();
    }

    @Test
    void parksAMalformedRecordAtOnce() {
        assertThat(redeliversAfter(new MalformedSchemaChangeException("migration_id is not a UUID: \"x\"", null))).isFalse();

        assertThat(parked).containsExactly(record);
    }

    @Test
    void parksARecordWhoseOutcomeTheDatabaseRefusesAfterItsDeliveries() {
        var missingTable = new BadSqlGrammarException("claim", "INSERT INTO core.\"appliedWorkspaceMigration\" ...",
                new PSQLException(new ServerErrorMessage("SERROR\0C42P01\0Mrelation does not exist\0")));

        for (int delivery = 1; delivery < PROPERTIES.deliveryAttempts(); delivery++) {
            assertThat(redeliversAfter(missingTable)).as("delivery %d", delivery).isTrue();
        }
        assertThat(parked).isEmpty();
        assertThat(redeliversAfter(missingTable)).isFalse();

        assertThat(parked).containsExactly(record);
    }

    @Test
    void classifiesFailuresByWhatWentWrong() {
        assertThat(ListenerFailure.of(new ListenerExecutionFailedException("listener failed",
                new MalformedSchemaChangeException("the record is not a SchemaChangeRequested", null)))).isEqualTo(ListenerFailure.MALFORMED);
        assertThat(ListenerFailure.of(new ListenerExecutionFailedException("listener failed",
                new org.springframework.dao.DataAccessResourceFailureException("I/O error", new SQLException("An I/O error occurred", "08006")))))
                .isEqualTo(ListenerFailure.INFRASTRUCTURE);
        assertThat(ListenerFailure.of(new org.springframework.dao.QueryTimeoutException("timeout"))).isEqualTo(ListenerFailure.INFRASTRUCTURE);
        assertThat(ListenerFailure.of(new IllegalStateException("wrapped", new PSQLException(
                new ServerErrorMessage("SFATAL\0C57P01\0Mterminating connection due to administrator command\0")))))
                .isEqualTo(ListenerFailure.INFRASTRUCTURE);
        assertThat(ListenerFailure.of(new IllegalStateException("a bug"))).isEqualTo(ListenerFailure.UNEXPECTED);
    }

    /**
     * Hands one failed delivery to the error handler as the container does in record ack mode.
     *
     * @return whether the record will be delivered again rather than parked
     */
    private boolean redeliversAfter(Exception cause) {
        try {
            handler.handleRemaining(new ListenerExecutionFailedException("Listener failed", cause), List.of(record), consumer, container);
            return false;
        } catch (NestedRuntimeException e) {
            // The handler's package-private RecordInRetryException: the record stays in its partition for another try.
            assertThat(e.getClass().getSimpleName()).isEqualTo("RecordInRetryException");
            return true;
        }
    }
}
