package org.opencrm.security;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Calls {@link RevokedApiKeys#refresh()} every {@code crm.security.revocation-refresh} on a thread of its own, so no
 * request waits for the load and no scheduler bean is imposed on the importing service.
 */
final class RevokedApiKeysRefresh implements SmartLifecycle {

    private final RevokedApiKeys revokedApiKeys;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    RevokedApiKeysRefresh(RevokedApiKeys revokedApiKeys, Duration interval) {
        this.revokedApiKeys = revokedApiKeys;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("revoked-api-keys-refresh").daemon(true).factory());
        // The first load stays with the first API key (services start in any order), hence the initial delay.
        scheduler.scheduleWithFixedDelay(revokedApiKeys::refresh, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
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
