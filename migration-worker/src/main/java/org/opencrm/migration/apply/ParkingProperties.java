package org.opencrm.migration.apply;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a migration waits for the one requested before it. A reorder after a failed send resolves in seconds; a
 * predecessor that never arrives (dead-lettered, lost) must not stall its workspace's schema for good, so past
 * {@code maxWait} a parked migration is applied anyway, and fails on its own if the schema is not what it expects.
 *
 * @param sweepInterval how often parked migrations are looked at apart from the arrival of their predecessor
 * @param maxWait how long a parked migration waits for its predecessor before it is applied anyway
 */
@ConfigurationProperties("crm.worker.parking")
record ParkingProperties(
        @DefaultValue("30s") Duration sweepInterval,
        @DefaultValue("2m") Duration maxWait) {

    ParkingProperties {
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("crm.worker.parking.sweep-interval must be positive, was " + sweepInterval);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("crm.worker.parking.max-wait must not be negative, was " + maxWait);
        }
    }
}
