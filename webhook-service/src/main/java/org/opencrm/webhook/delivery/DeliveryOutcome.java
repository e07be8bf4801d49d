package org.opencrm.webhook.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * How one attempt ended. This is the one place that decides which failures are retried: every failure is, on the
 * Standard Webhooks schedule, except a target the platform must not call and an endpoint that answered 410 Gone.
 */
sealed interface DeliveryOutcome {

    /** The endpoint answered 2xx. */
    record Succeeded(int responseStatus) implements DeliveryOutcome {
    }

    /** The endpoint answered 410: it is gone for good, so its webhook is disabled. */
    record Gone() implements DeliveryOutcome {
    }

    /**
     * The attempt failed.
     *
     * @param responseStatus null when no response came (connection refused, timeout)
     * @param retryAfter     what the endpoint's {@code Retry-After} asked for
     */
    record Failed(Integer responseStatus, String error, boolean retriable, Optional<Duration> retryAfter)
            implements DeliveryOutcome {
    }

    /** Nothing was sent (no free slot, open circuit); the attempt waits and runs again as the same attempt. */
    record Postponed(Duration delay) implements DeliveryOutcome {
    }

    static DeliveryOutcome ofResponse(WebhookSender.Response response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new Succeeded(status);
        }
        if (status == 410) {
            return new Gone();
        }
        // Only the status: any of the body would let a workspace read, through its delivery log, whatever a host it
        // can name answers the platform.
        return new Failed(status, "HTTP " + status, true, response.retryAfter());
    }
}
