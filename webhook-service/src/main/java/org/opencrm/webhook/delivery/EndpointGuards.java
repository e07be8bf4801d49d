package org.opencrm.webhook.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A bulkhead and a circuit breaker per endpoint (scheme, host and port), so a slow or dead partner holds only its
 * own deliveries back. One instance per endpoint lives as long as the service; endpoints are few (one per webhook
 * target host at most).
 */
final class EndpointGuards {

    private final BulkheadRegistry bulkheads;
    private final CircuitBreakerRegistry circuitBreakers;

    EndpointGuards(DeliveryProperties properties) {
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
    }

    Bulkhead bulkhead(String targetUrl) {
        return bulkheads.bulkhead(endpointOf(targetUrl));
    }

    CircuitBreaker circuitBreaker(String targetUrl) {
        return circuitBreakers.circuitBreaker(endpointOf(targetUrl));
    }

    BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    static String endpointOf(String targetUrl) {
        URI uri = URI.create(targetUrl);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
