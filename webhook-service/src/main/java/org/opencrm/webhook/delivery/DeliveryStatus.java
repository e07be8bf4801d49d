package org.opencrm.webhook.delivery;

/** The state of one attempt in the delivery log. */
enum DeliveryStatus {
    /** Waiting for its {@code nextAttemptAt}, or being sent right now. */
    PENDING,
    /** The endpoint answered 2xx. */
    SUCCEEDED,
    /** The endpoint answered otherwise or could not be reached; a retry, if any, is the next attempt's row. */
    FAILED
}
