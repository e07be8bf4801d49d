package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

class EndpointGuardsTest {

    private static final DeliveryProperties PROPERTIES = new DeliveryProperties(Duration.ofSeconds(2), Duration.ofSeconds(10),
            List.of(Duration.ofSeconds(5)), 0.1, false, 256, 2, Duration.ofSeconds(1), Duration.ofSeconds(1), 100,
            new DeliveryProperties.CircuitBreaker(50, 4, 4, Duration.ofSeconds(30)));

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
}
