package org.opencrm.dataapi;

import org.opencrm.outbox.OutboxConfiguration;
import org.opencrm.security.JwtSecurityConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The public entry point: routes auth, metadata and webhook calls, and serves the records of every object. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({JwtSecurityConfiguration.class, OutboxConfiguration.class})
public class DataApiApplication {

    /** The name of this service's configuration file, {@code data-api-service.yml}. */
    public static final String CONFIG_NAME = "data-api-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(DataApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
