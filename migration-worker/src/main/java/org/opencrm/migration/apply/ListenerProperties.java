package org.opencrm.migration.apply;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a schema-change record is redelivered when it cannot even be recorded. While the database is unreachable it is
 * redelivered without limit, the pauses growing from {@code backoff} to {@code maxBackoff}; after other failures it
 * is parked on the dead-letter topic once it has been delivered {@code deliveryAttempts} times.
 *
 * @param deliveryAttempts how many times a record that fails for a reason other than an unreachable database is
 *     handed to the listener (the first delivery included) before it is parked
 * @param backoff the pause before the second delivery; it doubles before each further one, up to {@code maxBackoff}
 * @param maxBackoff the longest pause between deliveries, also while waiting out a database outage
 */
@ConfigurationProperties("crm.worker.listener")
record ListenerProperties(
        @DefaultValue("5") int deliveryAttempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("30s") Duration maxBackoff) {

    ListenerProperties {
        if (deliveryAttempts < 1) {
            throw new IllegalArgumentException("crm.worker.listener.delivery-attempts must be at least 1, was " + deliveryAttempts);
        }
        if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("crm.worker.listener.backoff must be between 0 and max-backoff, was " + backoff);
        }
    }
}
