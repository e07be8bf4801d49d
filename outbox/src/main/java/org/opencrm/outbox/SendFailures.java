package org.opencrm.outbox;

import java.util.List;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one place that decides whether a failed send of an outbox row can succeed on another try. A permanent failure
 * is the record's own fault (too large, unserializable, an invalid topic): sending it again fails the same way, so
 * the row is dead-lettered instead of blocking every event behind it. Everything else is retried.
 */
final class SendFailures {

    /**
     * Not retriable by Kafka's own classification, yet about the producer or the cluster rather than the record:
     * dead-lettering on them would empty the whole outbox into the dead-letter table during, say, an ACL mistake.
     */
    private static final List<Class<? extends KafkaException>> NOT_THE_RECORDS_FAULT = List.of(
            AuthenticationException.class,
            AuthorizationException.class,
            InterruptException.class,
            ProducerFencedException.class,
            InvalidProducerEpochException.class,
            OutOfOrderSequenceException.class,
            UnknownProducerIdException.class,
            UnsupportedVersionException.class);

    private static final String KAFKA_ERRORS_PACKAGE = "org.apache.kafka.common.errors";

    private SendFailures() {}

    /** Whether no retry can deliver the record that failed with {@code failure}. */
    static boolean isPermanent(Throwable failure) {
        KafkaException kafkaFailure = kafkaCause(failure);
        if (kafkaFailure == null || kafkaFailure instanceof RetriableException) {
            return false;
        }
        if (NOT_THE_RECORDS_FAULT.stream().anyMatch(type -> type.isInstance(kafkaFailure))) {
            return false;
        }
        // A bare KafkaException ("producer closed") or one from elsewhere in the client is about the producer.
        return kafkaFailure.getClass().getPackageName().equals(KAFKA_ERRORS_PACKAGE);
    }

    /** Kafka's own exception, under Spring's {@code KafkaProducerException} and the futures' wrappers. */
    private static KafkaException kafkaCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaException kafka) {
                return kafka;
            }
        }
        return null;
    }
}
