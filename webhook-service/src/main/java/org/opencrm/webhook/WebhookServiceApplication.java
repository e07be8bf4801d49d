package org.opencrm.webhook;

import java.time.Clock;

import org.opencrm.outbox.OutboxConfiguration;
import org.opencrm.security.JwtSecurityConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Partner webhooks: subscriptions per workspace, and signed, retried delivery of record events to them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({JwtSecurityConfiguration.class, OutboxConfiguration.class})
public class WebhookServiceApplication {

    /** The name of this service's configuration file, {@code webhook-service.yml}. */
    public static final String CONFIG_NAME = "webhook-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(WebhookServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
