package org.opencrm.metadata;

import org.opencrm.outbox.OutboxConfiguration;
import org.opencrm.security.JwtSecurityConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Workspaces, objects and fields: validates metadata changes and publishes the schema changes they need. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({JwtSecurityConfiguration.class, OutboxConfiguration.class})
public class MetadataServiceApplication {

    /** The name of this service's configuration file, {@code metadata-service.yml}. */
    public static final String CONFIG_NAME = "metadata-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(MetadataServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
