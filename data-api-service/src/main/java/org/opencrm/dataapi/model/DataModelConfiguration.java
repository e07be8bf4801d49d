package org.opencrm.dataapi.model;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import tools.jackson.databind.json.JsonMapper;

/** The workspace data model cache and the listener that keeps it current. */
@Configuration(proxyBeanMethods = false)
class DataModelConfiguration {

    static final String LISTENER_FACTORY = "schemaAppliedListenerFactory";

    private static final String BROADCAST_GROUP_PREFIX = "data-api-service-";

    @Bean
    WorkspaceDataModels workspaceDataModels(JsonMapper json, DataModelProperties properties) {
        return new WorkspaceDataModels(new MetadataClient(json, properties), properties);
    }

    @Bean
    SchemaAppliedListener schemaAppliedListener(WorkspaceDataModels models) {
        return new SchemaAppliedListener(models);
    }

    /** A consumer group of this instance alone, so every instance drops its own copy of a changed model. */
    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> schemaAppliedListenerFactory(
            KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, BROADCAST_GROUP_PREFIX + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
        return factory;
    }
}
