package org.opencrm.outbox;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox, its relay and consumer deduplication, for a service to {@code @Import}.
 *
 * <p>The service's Flyway creates the tables: add {@code classpath:db/outbox} to {@code spring.flyway.locations}
 * and set the placeholders {@code outboxTable} and {@code processedEventsTable} to {@code crm.outbox.table} and
 * {@code crm.outbox.processed-events-table}. The outbox's dead-letter table, {@code <outboxTable>DeadLetter}, takes
 * its name from the same placeholder.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    /**
     * Protobuf bytes keyed by workspace id; idempotent and fully acknowledged, so a retried send never duplicates.
     * A bean of its own so the context closes its producer on shutdown.
     */
    @Bean
    DefaultKafkaProducerFactory<String, byte[]> outboxProducerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> outboxProducerFactory) {
        return new KafkaTemplate<>(outboxProducerFactory);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            KafkaTemplate<String, byte[]> outboxKafkaTemplate, OutboxProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), outboxKafkaTemplate, properties,
                meters.getIfAvailable()) {
            @Override
            public boolean isAutoStartup() {
                return properties.relayEnabled();
            }
        };
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay outboxRelay, OutboxProperties properties) {
        return new Outbox(jdbc, outboxRelay, properties);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, OutboxProperties properties) {
        return new ProcessedEvents(jdbc, properties);
    }
}
