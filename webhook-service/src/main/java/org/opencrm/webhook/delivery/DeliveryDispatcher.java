package org.opencrm.webhook.delivery;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed attempts on virtual threads, at most {@code maxInFlight} at once. An attempt that finds no free slot
 * is handed back to the poller, due now, instead of queueing in memory.
 */
final class DeliveryDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryAttemptRunner runner;
    private final DeliveryLog deliveryLog;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-delivery-", 0).factory());

    DeliveryDispatcher(DeliveryAttemptRunner runner, DeliveryLog deliveryLog, Clock clock, int maxInFlight) {
        this.runner = runner;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
        this.slots = new Semaphore(maxInFlight);
    }

    /** Starts every attempt it has a slot for; the others go back to the poller. */
    void dispatch(List<DeliveryAttempt> attempts) {
        for (DeliveryAttempt attempt : attempts) {
            if (!slots.tryAcquire()) {
                deliveryLog.postpone(attempt.id(), clock.instant());
                continue;
            }
            executor.execute(() -> {
                try {
                    runner.run(attempt);
                } catch (RuntimeException e) {
                    // Typically the database is unreachable: the row stays claimed and is retried once the claim ends.
                    log.warn("Attempt {} of {} to webhook {} could not be completed", attempt.attempt(),
                            attempt.eventName(), attempt.webhookId(), e);
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** How many more attempts could start now. */
    int freeSlots() {
        return slots.availablePermits();
    }

    /** Lets running attempts finish briefly, then interrupts them; their rows are picked up again later. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
