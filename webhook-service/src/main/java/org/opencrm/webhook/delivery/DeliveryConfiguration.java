package org.opencrm.webhook.delivery;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.webhook.subscription.TargetUrlValidator;
import org.opencrm.webhook.subscription.WebhookRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Wires delivery: matching and planning from Kafka, sending with per-endpoint guards, polling for retries. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    TargetUrlValidator targetUrlValidator(DeliveryProperties properties) {
        return new TargetUrlValidator(properties.allowPrivateTargets(), InetAddress::getAllByName);
    }

    @Bean
    EndpointGuards endpointGuards(DeliveryProperties properties, MeterRegistry meterRegistry) {
        EndpointGuards guards = new EndpointGuards(properties);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guards.circuitBreakers()).bindTo(meterRegistry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(guards.bulkheads()).bindTo(meterRegistry);
        return guards;
    }

    @Bean
    DeliveryAttemptRunner deliveryAttemptRunner(TargetUrlValidator targetUrlValidator, EndpointGuards endpointGuards,
            DeliveryLog deliveryLog, WebhookRepository webhooks, PlatformTransactionManager transactionManager,
            Clock clock, DeliveryProperties properties) {
        WebhookSender sender = new WebhookSender(
                WebhookSender.httpClient(properties.connectTimeout(), properties.allowPrivateTargets()),
                properties.requestTimeout());
        RetrySchedule retrySchedule = new RetrySchedule(properties.retrySchedule(), properties.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        return new DeliveryAttemptRunner(targetUrlValidator, endpointGuards, sender, retrySchedule, deliveryLog,
                webhooks, new TransactionTemplate(transactionManager), clock, properties);
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(DeliveryAttemptRunner runner, DeliveryLog deliveryLog, Clock clock,
            DeliveryProperties properties) {
        return new DeliveryDispatcher(runner, deliveryLog, clock, properties.maxInFlight());
    }

    @Bean
    DeliveryPlanner deliveryPlanner(ProcessedEvents processedEvents, WebhookRepository webhooks, DeliveryLog deliveryLog,
            JsonMapper jsonMapper, PlatformTransactionManager transactionManager, Clock clock,
            DeliveryProperties properties) {
        return new DeliveryPlanner(processedEvents, webhooks, deliveryLog, new WebhookPayloads(jsonMapper),
                new TransactionTemplate(transactionManager), clock, properties);
    }

    @Bean
    RecordChangeListener recordChangeListener(DeliveryPlanner planner, DeliveryDispatcher dispatcher) {
        return new RecordChangeListener(planner, dispatcher);
    }

    @Bean
    DeliveryPoller deliveryPoller(DeliveryLog deliveryLog, DeliveryDispatcher dispatcher, Clock clock,
            DeliveryProperties properties) {
        return new DeliveryPoller(deliveryLog, dispatcher, clock, properties);
    }

    /**
     * A record event that cannot be planned (database unreachable) is retried, backing off up to 30 s, for as long
     * as it takes: skipping it would lose the partner's delivery.
     */
    @Bean
    CommonErrorHandler recordChangesErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
