package org.opencrm.auth.apikey;

import org.apache.kafka.clients.admin.NewTopic;
import org.opencrm.proto.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Creates the topic this service owns at start-up, so the other services' revocation listeners, which read from the
 * latest offset, are assigned it before the first revocation rather than after it.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyEventsTopicConfiguration {

    @Bean
    NewTopic apiKeyEventsTopic() {
        return TopicBuilder.name(Topics.API_KEY_EVENTS).build();
    }
}
