package org.opencrm.webhook.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A bulkhead and a circuit breaker per endpoint (scheme, host and port), so a slow or dead partner holds only its
 * own deliveries back. Any workspace can point webhooks at ever new hosts, so the guards are kept only for
 * {@code max-tracked-endpoints} endpoints and until {@code idle-endpoint-expiry} after their last use; dropping an
 * endpoint's guards also removes them from the registries, whose tagged metrics then drop that host's meters.
 */
final class EndpointGuards {

    private final BulkheadRegistry bulkheads;
    private final CircuitBreakerRegistry circuitBreakers;
    private final Cache<String, Guards> byEndpoint;

    EndpointGuards(DeliveryProperties properties) {
        this(properties, Ticker.systemTicker());
    }

    EndpointGuards(DeliveryProperties properties, Ticker ticker) {
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentPerEndpoint())
                // Never block a sender: a delivery finding its endpoint busy is postponed instead.
                .maxWaitDuration(Duration.ZERO)
                .build());
        DeliveryProperties.CircuitBreaker breaker = properties.circuitBreaker();
        this.circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        this.byEndpoint = Caffeine.newBuilder()
                .maximumSize(properties.maxTrackedEndpoints())
                .expireAfterAccess(properties.idleEndpointExpiry())
                .ticker(ticker)
                // Upkeep on the calling thread: it is a few map removals, and eviction then happens before the
                // call that caused it returns, which keeps the bound exact enough to test.
                .executor(Runnable::run)
                // An eviction listener runs atomically with the eviction, so a concurrent lookup of the same
                // endpoint waits and then registers fresh guards rather than getting ones about to be removed.
                .<String, Guards>evictionListener((endpoint, guards, cause) -> {
                    bulkheads.remove(endpoint);
                    circuitBreakers.remove(endpoint);
                })
                .build();
    }

    Bulkhead bulkhead(String targetUrl) {
        return guardsOf(targetUrl).bulkhead();
    }

    CircuitBreaker circuitBreaker(String targetUrl) {
        return guardsOf(targetUrl).circuitBreaker();
    }

    BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    /** How many endpoints have guards now, after any pending eviction. */
    long trackedEndpoints() {
        byEndpoint.cleanUp();
        return byEndpoint.estimatedSize();
    }

    private Guards guardsOf(String targetUrl) {
        return byEndpoint.get(endpointOf(targetUrl),
                endpoint -> new Guards(bulkheads.bulkhead(endpoint), circuitBreakers.circuitBreaker(endpoint)));
    }

    static String endpointOf(String targetUrl) {
        URI uri = URI.create(targetUrl);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private record Guards(Bulkhead bulkhead, CircuitBreaker circuitBreaker) {
    }
}
