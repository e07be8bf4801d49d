package org.opencrm.webhook.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Sends the attempts that are due: retries whose time has come, and attempts whose sender gave them back or died.
 */
final class DeliveryPoller implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPoller.class);

    private final DeliveryLog deliveryLog;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final DeliveryProperties properties;

    DeliveryPoller(DeliveryLog deliveryLog, DeliveryDispatcher dispatcher, Clock clock, DeliveryProperties properties) {
        this.deliveryLog = deliveryLog;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sendDue, properties.pollInterval());
    }

    void sendDue() {
        try {
            int limit = Math.min(properties.pollBatchSize(), dispatcher.freeSlots());
            if (limit == 0) {
                return;
            }
            Instant now = clock.instant();
            List<DeliveryAttempt> attempts = new ArrayList<>();
            for (DeliveryLog.ClaimedAttempt claimed : deliveryLog.claimDue(now, limit, now.plus(properties.claimLease()))) {
                if (claimed.webhookDeleted()) {
                    deliveryLog.failPendingOf(claimed.attempt().webhookId(), "The webhook was deleted");
                } else {
                    attempts.add(claimed.attempt());
                }
            }
            dispatcher.dispatch(attempts);
        } catch (DataAccessException e) {
            log.warn("Could not look for due webhook deliveries; trying again in {}", properties.pollInterval(), e);
        }
    }
}
