package org.opencrm.metadata.migration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Which failures of the schema-applied consumer are retried: all that reach the container. The listener itself
 * drops messages that can never be read; anything else (the database unreachable, a lock timeout) is transient,
 * and giving up would leave a migration PENDING forever, so the report is retried with growing pauses, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class SchemaAppliedRetries {

    /**
     * @param initialInterval the pause after the first failure
     * @param maxInterval the longest pause between two attempts
     */
    @ConfigurationProperties("crm.metadata.schema-applied")
    record RetryProperties(@DefaultValue("500ms") Duration initialInterval, @DefaultValue("30s") Duration maxInterval) {
    }

    @Bean
    CommonErrorHandler schemaAppliedErrorHandler(RetryProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxInterval().toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
