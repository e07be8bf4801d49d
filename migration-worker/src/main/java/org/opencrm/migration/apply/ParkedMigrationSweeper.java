package org.opencrm.migration.apply;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@link ParkingProperties#sweepInterval()}, applies the parked migrations nothing else will: those whose
 * predecessor settled while no drain ran (a crash, an older worker during a rolling deploy), and those that waited
 * longer than {@link ParkingProperties#maxWait()} for a predecessor that does not come.
 */
@Component
class ParkedMigrationSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParkedMigrationSweeper.class);

    private final MigrationApplier applier;
    private final ParkingProperties properties;
    private ScheduledExecutorService scheduler;

    ParkedMigrationSweeper(MigrationApplier applier, ParkingProperties properties) {
        this.applier = applier;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("parked-migrations").daemon(true).factory());
        long interval = properties.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            applier.sweepParked(properties.maxWait());
        } catch (RuntimeException e) {
            log.warn("Could not look at the parked migrations; trying again in {}: {}", properties.sweepInterval(),
                    e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
