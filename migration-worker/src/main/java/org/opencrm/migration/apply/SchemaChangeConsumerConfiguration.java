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
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens to a record the worker can neither apply nor record as failed: redelivered with backoff while the
 * database may come back, then parked, unchanged, on the dead-letter topic so the partition moves on. Malformed
 * records go there at once, since redelivering them cannot help.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DdlProperties.class, ListenerProperties.class})
class SchemaChangeConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchemaChangeConsumerConfiguration.class);

    /** Picked up by Spring Boot's listener container factory. */
    @Bean
    DefaultErrorHandler schemaChangeErrorHandler(KafkaTemplate<String, byte[]> outboxKafkaTemplate, ListenerProperties properties) {
        // Partition -1 lets Kafka choose: the dead-letter topic need not have as many partitions as the source.
        var deadLetters = new DeadLetterPublishingRecoverer(outboxKafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.SCHEMA_CHANGES_DEAD_LETTER, -1));
        var backOff = new ExponentialBackOff(properties.backoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        backOff.setMaxAttempts(properties.deliveryAttempts() - 1);
        var handler = new DefaultErrorHandler((record, failure) -> {
            log.error("Parking schema-change record {}-{}@{} (key {}) on {}: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), Topics.SCHEMA_CHANGES_DEAD_LETTER, reason(failure));
            deadLetters.accept(record, failure);
        }, backOff);
        handler.addNotRetryableExceptions(MalformedSchemaChangeException.class);
        return handler;
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
