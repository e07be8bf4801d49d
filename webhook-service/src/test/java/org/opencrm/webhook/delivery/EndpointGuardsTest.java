package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EndpointGuardsTest {

    private static final DeliveryProperties PROPERTIES = properties(10_000);

    @Test
    void namesAnEndpointBySchemeHostAndPort() {
        assertThat(EndpointGuards.endpointOf("https://Partner.Example/a?b=c")).isEqualTo("https://partner.example:443");
        assertThat(EndpointGuards.endpointOf("http://partner.example/x")).isEqualTo("http://partner.example:80");
        assertThat(EndpointGuards.endpointOf("http://partner.example:8080/x")).isEqualTo("http://partner.example:8080");
    }

    @Test
    void limitsConcurrentDeliveriesPerEndpointOnly() {
        EndpointGuards guards = new EndpointGuards(PROPERTIES);
        Bulkhead partner = guards.bulkhead("https://partner.example/one");

        assertThat(partner.tryAcquirePermission()).isTrue();
        assertThat(guards.bulkhead("https://partner.example/two").tryAcquirePermission()).isTrue();
        assertThat(partner.tryAcquirePermission()).isFalse();
        assertThat(guards.bulkhead("https://other.example/one").tryAcquirePermission()).isTrue();

        partner.onComplete();
        assertThat(partner.tryAcquirePermission()).isTrue();
    }

    @Test
    void opensTheCircuitOfAnEndpointThatKeepsFailingAndOnlyThatOne() {
        EndpointGuards guards = new EndpointGuards(PROPERTIES);
        CircuitBreaker dead = guards.circuitBreaker("https://dead.example/hook");
        for (int i = 0; i < 4; i++) {
            assertThat(dead.tryAcquirePermission()).isTrue();
            dead.onError(10, TimeUnit.MILLISECONDS, new IOException("Connection refused"));
        }

        assertThat(dead.tryAcquirePermission()).isFalse();
        assertThat(guards.circuitBreaker("https://dead.example/other").tryAcquirePermission()).isFalse();
        assertThat(guards.circuitBreaker("https://alive.example/hook").tryAcquirePermission()).isTrue();
    }

    @Test
    void keepsGuardsAndTheirMetricsForAtMostTheConfiguredNumberOfEndpoints() {
        EndpointGuards guards = new EndpointGuards(properties(50));
        MeterRegistry meters = new SimpleMeterRegistry();
        TaggedBulkheadMetrics.ofBulkheadRegistry(guards.bulkheads()).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guards.circuitBreakers()).bindTo(meters);

        for (int i = 0; i < 1_000; i++) {
            String targetUrl = "https://host-" + i + ".example/hook";
            guards.bulkhead(targetUrl);
            guards.circuitBreaker(targetUrl);
        }

        assertThat(guards.trackedEndpoints()).isLessThanOrEqualTo(50);
        assertThat(guards.bulkheads().getAllBulkheads()).hasSizeLessThanOrEqualTo(50);
        assertThat(guards.circuitBreakers().getAllCircuitBreakers()).hasSizeLessThanOrEqualTo(50);
        assertThat(taggedNames(meters, "resilience4j.bulkhead.max.allowed.concurrent.calls")).hasSizeLessThanOrEqualTo(50);
        assertThat(taggedNames(meters, "resilience4j.circuitbreaker.state")).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void dropsTheGuardsAndMetricsOfAnEndpointIdleLongerThanTheExpiry() {
        FakeTicker ticker = new FakeTicker();
        EndpointGuards guards = new EndpointGuards(PROPERTIES, ticker);
        MeterRegistry meters = new SimpleMeterRegistry();
        TaggedBulkheadMetrics.ofBulkheadRegistry(guards.bulkheads()).bindTo(meters);
        guards.bulkhead("https://idle.example/hook");
        guards.bulkhead("https://busy.example/hook");

        ticker.advance(Duration.ofMinutes(40));
        guards.bulkhead("https://busy.example/hook");
        ticker.advance(Duration.ofMinutes(40));

        assertThat(guards.trackedEndpoints()).isEqualTo(1);
        assertThat(guards.bulkheads().getAllBulkheads()).extracting(Bulkhead::getName).containsExactly("https://busy.example:443");
        assertThat(taggedNames(meters, "resilience4j.bulkhead.max.allowed.concurrent.calls"))
                .containsExactly("https://busy.example:443");
    }

    @Test
    void givesAnEndpointFreshGuardsAfterItsOldOnesWereDropped() {
        FakeTicker ticker = new FakeTicker();
        EndpointGuards guards = new EndpointGuards(PROPERTIES, ticker);
        Bulkhead before = guards.bulkhead("https://partner.example/hook");
        assertThat(before.tryAcquirePermission()).isTrue();

        ticker.advance(Duration.ofHours(2));
        Bulkhead after = guards.bulkhead("https://partner.example/hook");

        assertThat(after).isNotSameAs(before);
        assertThat(guards.bulkheads().bulkhead("https://partner.example:443")).isSameAs(after);
    }

    private static Set<String> taggedNames(MeterRegistry meters, String meterName) {
        return meters.find(meterName).meters().stream().map(meter -> meter.getId().getTag("name")).collect(Collectors.toSet());
    }

    private static DeliveryProperties properties(int maxTrackedEndpoints) {
        return new DeliveryProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), List.of(Duration.ofSeconds(5)), 0.1,
                false, 256, 2, maxTrackedEndpoints, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 100,
                new DeliveryProperties.CircuitBreaker(50, 4, 4, Duration.ofSeconds(30)));
    }

    /** Caffeine's clock, moved by hand. */
    private static final class FakeTicker implements Ticker {

        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
