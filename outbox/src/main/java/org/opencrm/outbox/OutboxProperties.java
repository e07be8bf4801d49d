package org.opencrm.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service keeps its outbox and how the relay drains it.
 *
 * @param schema the schema of both tables
 * @param table the outbox table; each service has its own. Rows Kafka can never accept move to
 *     {@code <table>DeadLetter} in the same schema
 * @param processedEventsTable the table of event ids a consumer has handled
 * @param pollInterval how often the relay looks for rows it was not woken for (another instance's commits)
 * @param batchSize rows sent to Kafka per relay transaction
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch before it retries
 * @param relayEnabled whether this instance relays at all (every instance may; one at a time does)
 */
@ConfigurationProperties("crm.outbox")
public record OutboxProperties(
        @DefaultValue("core") String schema,
        @DefaultValue("outbox") String table,
        @DefaultValue("processedEvent") String processedEventsTable,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("true") boolean relayEnabled) {

    /** Derived, not configured: the Flyway migration derives it from the same placeholder. */
    public String deadLetterTable() {
        return table + "DeadLetter";
    }
}
