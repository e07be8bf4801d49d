package org.opencrm.webhook.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered ({@code crm.webhook.delivery.*}).
 *
 * @param connectTimeout           how long to wait for the partner's TCP/TLS handshake; default 2 s
 * @param requestTimeout           the longest one attempt's whole exchange may take: connecting, sending, the response
 *                                 headers and its body, so an endpoint trickling its answer cannot hold a slot
 *                                 longer; default 10 s
 * @param retrySchedule            the delay before each retry after a failed attempt; its length is the number of
 *                                 retries. Default Standard Webhooks': 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
 * @param jitter                   the fraction by which each retry delay is randomly lengthened or shortened, so
 *                                 retries of one outage do not arrive together; 0 to 1, default 0.1
 * @param allowPrivateTargets      accept target URLs on loopback and private networks; only for local stacks and
 *                                 tests, since it lets webhooks reach the platform's own network. Default false
 * @param maxInFlight              deliveries sent at once by this instance, over all endpoints; default 256
 * @param maxConcurrentPerEndpoint deliveries sent at once to one endpoint (scheme, host and port), so a slow partner
 *                                 cannot take every slot; default 8
 * @param maxTrackedEndpoints      how many endpoints' guards (bulkhead, circuit breaker and their metrics) are kept
 *                                 at once; beyond it the least valuable are dropped, so webhooks pointing at ever new
 *                                 hosts cannot grow memory and metrics without bound. Default 10000
 * @param idleEndpointExpiry       how long an endpoint's guards are kept after its last delivery; default 1 h
 * @param busyEndpointDelay        how long a delivery waits when its endpoint has no free slot; default 1 s
 * @param pollInterval             how often due retries are looked for; default 1 s
 * @param pollBatchSize            the most due deliveries one poll claims; default 100
 * @param circuitBreaker           when to stop calling an endpoint that keeps failing
 */
@ConfigurationProperties("crm.webhook.delivery")
public record DeliveryProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        @DefaultValue("0.1") double jitter,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("8") int maxConcurrentPerEndpoint,
        @DefaultValue("10000") int maxTrackedEndpoints,
        @DefaultValue("1h") Duration idleEndpointExpiry,
        @DefaultValue("1s") Duration busyEndpointDelay,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int pollBatchSize,
        @DefaultValue CircuitBreaker circuitBreaker) {

    public DeliveryProperties {
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("request-timeout", requestTimeout);
        requirePositive("idle-endpoint-expiry", idleEndpointExpiry);
        requirePositive("busy-endpoint-delay", busyEndpointDelay);
        requirePositive("poll-interval", pollInterval);
        retrySchedule = List.copyOf(retrySchedule);
        retrySchedule.forEach(delay -> requirePositive("retry-schedule", delay));
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("crm.webhook.delivery.jitter must be between 0 and 1, was " + jitter);
        }
        requirePositive("max-in-flight", maxInFlight);
        requirePositive("max-concurrent-per-endpoint", maxConcurrentPerEndpoint);
        requirePositive("max-tracked-endpoints", maxTrackedEndpoints);
        requirePositive("poll-batch-size", pollBatchSize);
    }

    /** How many times a delivery is attempted in all: the first attempt and one per retry delay. */
    public int maxAttempts() {
        return retrySchedule.size() + 1;
    }

    /**
     * How long a delivery taken by one sender stays invisible to the poller: longer than any attempt can last, so
     * it is retried only if its sender died.
     */
    public Duration claimLease() {
        return connectTimeout.plus(requestTimeout).multipliedBy(2);
    }

    /**
     * @param failureRateThreshold percentage of failed calls, among the last {@code slidingWindowSize}, that opens
     *                             the circuit; default 50
     * @param slidingWindowSize    how many recent calls the failure rate is computed over; default 20
     * @param minimumCalls         calls needed before the rate counts; default 10
     * @param openDuration         how long an open circuit holds deliveries back before letting trial calls
     *                             through; default 30 s
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("30s") Duration openDuration) {

        public CircuitBreaker {
            if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
                throw new IllegalArgumentException(
                        "crm.webhook.delivery.circuit-breaker.failure-rate-threshold must be in (0, 100], was " + failureRateThreshold);
            }
            requirePositive("circuit-breaker.sliding-window-size", slidingWindowSize);
            requirePositive("circuit-breaker.minimum-calls", minimumCalls);
            requirePositive("circuit-breaker.open-duration", openDuration);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("crm.webhook.delivery." + key + " must be a positive duration, was " + value);
        }
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("crm.webhook.delivery." + key + " must be positive, was " + value);
        }
    }
}
