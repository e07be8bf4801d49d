package org.opencrm.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** When a failed attempt is tried again: the configured delay, jittered, and never before the endpoint's Retry-After. */
final class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;
    private final DoubleSupplier random;
    private final Duration longestDelay;

    /**
     * @param random values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    RetrySchedule(List<Duration> delays, double jitter, DoubleSupplier random) {
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.random = random;
        this.longestDelay = delays.isEmpty() ? Duration.ZERO : Collections.max(delays);
    }

    /**
     * @param failedAttempt the attempt that just failed, 1 for the first
     * @param retryAfter    what the endpoint asked for; honoured up to the schedule's longest delay, so one answer
     *                      cannot park a delivery for good
     * @return when to try again, or empty when that was the last attempt
     */
    Optional<Instant> nextAttemptAt(int failedAttempt, Instant now, Optional<Duration> retryAfter) {
        if (failedAttempt < 1 || failedAttempt > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempt - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        Duration delay = Duration.ofMillis(Math.round(base.toMillis() * factor));
        Optional<Duration> requested = retryAfter.map(asked -> asked.compareTo(longestDelay) > 0 ? longestDelay : asked);
        if (requested.isPresent() && requested.get().compareTo(delay) > 0) {
            delay = requested.get();
        }
        return Optional.of(now.plus(delay));
    }
}
