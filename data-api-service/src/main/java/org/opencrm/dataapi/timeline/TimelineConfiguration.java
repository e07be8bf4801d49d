package org.opencrm.dataapi.timeline;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencrm.outbox.ProcessedEvents;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** The timeline consumer of record events; off with {@code crm.dataapi.timeline.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "crm.dataapi.timeline", name = "enabled", matchIfMissing = true)
class TimelineConfiguration {

    static final String LISTENER_FACTORY = "timelineListenerFactory";

    @Bean
    TimelineActivityWriter timelineActivityWriter(JdbcTemplate jdbc, TimelineProperties properties,
            ProcessedEvents processedEvents, TransactionTemplate transactionTemplate) {
        return new TimelineActivityWriter(jdbc, new TimelineColumns(jdbc, properties), processedEvents,
                transactionTemplate);
    }

    /** One group for every instance of the service, from the earliest offset so no event is missed. */
    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> timelineListenerFactory(KafkaProperties kafkaProperties,
            TimelineProperties properties) {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
        // A poll's events at once: TimelineActivityWriter writes them per workspace in one transaction.
        factory.setBatchListener(true);
        return factory;
    }
}
