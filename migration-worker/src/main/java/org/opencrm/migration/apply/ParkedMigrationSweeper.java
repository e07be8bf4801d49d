package org.opencrm.migration.apply;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@link ParkingProperties#sweepInterval()}, applies the parked migrations nothing else will: those whose
 * predecessor settled while no drain ran (a crash, an older worker during a rolling deploy), and those that waited
 * longer than {@link ParkingProperties#maxWait()} for a predecessor that does not come.
 */
@Component
class ParkedMigrationSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ParkedMigrationSweeper.class);

    private final MigrationApplier applier;
    private final ParkingProperties properties;

    ParkedMigrationSweeper(MigrationApplier applier, ParkingProperties properties) {
        this.applier = applier;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.sweepInterval());
    }

    void sweep() {
        try {
            applier.sweepParked(properties.maxWait());
        } catch (RuntimeException e) {
            log.warn("Could not look at the parked migrations; trying again in {}: {}", properties.sweepInterval(),
                    e.toString());
        }
    }
}
