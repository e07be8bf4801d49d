package org.opencrm.migration;

import org.opencrm.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The migration worker: turns schema-change events into DDL on workspace schemas and reports the outcome. */
@SpringBootApplication
@EnableScheduling
@Import(OutboxConfiguration.class)
public class MigrationWorkerApplication {

    /** The name of this service's configuration file, {@code migration-worker.yml}. */
    public static final String CONFIG_NAME = "migration-worker";

    public static void main(String[] args) {
        new SpringApplicationBuilder(MigrationWorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
