package org.opencrm.auth;

import java.time.Clock;

import org.opencrm.outbox.OutboxConfiguration;
import org.opencrm.security.JwtSecurityConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Users, workspace memberships and API keys; issues the platform's JWTs and publishes their public key. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({JwtSecurityConfiguration.class, OutboxConfiguration.class})
public class AuthServiceApplication {

    /** The name of this service's configuration file, {@code auth-service.yml}. */
    public static final String CONFIG_NAME = "auth-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(AuthServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
