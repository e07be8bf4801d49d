package org.opencrm.migration.apply;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.opencrm.proto.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record the worker can neither apply nor record as failed, as {@link ListenerFailure} decides:
 * while the database is unreachable it is redelivered with backoff for as long as that lasts; a malformed record
 * goes to the dead-letter topic at once; anything else is parked there, unchanged, after a few deliveries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DdlProperties.class, ListenerProperties.class, ParkingProperties.class})
class SchemaChangeConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchemaChangeConsumerConfiguration.class);

    /** Picked up by Spring Boot's listener container factory. */
    @Bean
    DefaultErrorHandler schemaChangeErrorHandler(KafkaTemplate<String, byte[]> outboxKafkaTemplate, ListenerProperties properties) {
        // Partition -1 lets Kafka choose: the dead-letter topic need not have as many partitions as the source.
        var deadLetters = new DeadLetterPublishingRecoverer(outboxKafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.SCHEMA_CHANGES_DEAD_LETTER, -1));
        return errorHandler((record, failure) -> {
            log.error("Parking schema-change record {}-{}@{} (key {}) on {}: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), Topics.SCHEMA_CHANGES_DEAD_LETTER, reason(failure));
            deadLetters.accept(record, failure);
        }, properties);
    }

    /** The error handler with its redelivery rules, parking records with {@code deadLetters}. */
    static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer deadLetters, ListenerProperties properties) {
        ExponentialBackOff unexpected = backOff(properties);
        unexpected.setMaxAttempts(properties.deliveryAttempts() - 1);
        BackOff infrastructure = backOff(properties);
        BackOff malformed = new FixedBackOff(0, 0);
        var handler = new DefaultErrorHandler(deadLetters, unexpected);
        handler.setBackOffFunction((record, failure) -> switch (ListenerFailure.of(failure)) {
            case MALFORMED -> malformed;
            case INFRASTRUCTURE -> infrastructure;
            case UNEXPECTED -> unexpected;
        });
        // A record that failed on an outage and then fails otherwise gets its full count of deliveries anew.
        handler.setResetStateOnExceptionChange(true);
        return handler;
    }

    /** Exponential up to the maximum pause, without limit unless one is set. */
    private static ExponentialBackOff backOff(ListenerProperties properties) {
        var backOff = new ExponentialBackOff(properties.backoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        return backOff;
    }

    @Bean
    NewTopic schemaChangesDeadLetterTopic() {
        return TopicBuilder.name(Topics.SCHEMA_CHANGES_DEAD_LETTER).build();
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedSchemaChangeException malformed) {
                return malformed.getMessage();
            }
        }
        return NestedExceptionUtils.getMostSpecificCause(failure).toString();
    }
}
