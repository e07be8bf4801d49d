package org.opencrm.webhook.delivery;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.opencrm.webhook.FieldViolation;
import org.opencrm.webhook.subscription.TargetUrlValidator;
import org.opencrm.webhook.subscription.WebhookRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** Makes one attempt: checks the target, takes the endpoint's guards, sends, and records how it ended. */
final class DeliveryAttemptRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttemptRunner.class);

    private final TargetUrlValidator targetUrlValidator;
    private final EndpointGuards guards;
    private final WebhookSender sender;
    private final RetrySchedule retrySchedule;
    private final DeliveryLog deliveryLog;
    private final WebhookRepository webhooks;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryProperties properties;

    DeliveryAttemptRunner(TargetUrlValidator targetUrlValidator, EndpointGuards guards, WebhookSender sender,
            RetrySchedule retrySchedule, DeliveryLog deliveryLog, WebhookRepository webhooks,
            TransactionTemplate transaction, Clock clock, DeliveryProperties properties) {
        this.targetUrlValidator = targetUrlValidator;
        this.guards = guards;
        this.sender = sender;
        this.retrySchedule = retrySchedule;
        this.deliveryLog = deliveryLog;
        this.webhooks = webhooks;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    void run(DeliveryAttempt attempt) {
        record(attempt, attemptOutcome(attempt));
    }

    private DeliveryOutcome attemptOutcome(DeliveryAttempt attempt) {
        // Checked again at send time: the host may resolve elsewhere than when the webhook was created.
        Optional<FieldViolation> blocked = targetUrlValidator.check(attempt.targetUrl());
        if (blocked.isPresent()) {
            boolean retriable = TargetUrlValidator.RESOLVABLE_HOST_RULE.equals(blocked.get().rule());
            return new DeliveryOutcome.Failed(null, blocked.get().message(), retriable, Optional.empty());
        }
        Bulkhead bulkhead = guards.bulkhead(attempt.targetUrl());
        if (!bulkhead.tryAcquirePermission()) {
            return new DeliveryOutcome.Postponed(properties.busyEndpointDelay());
        }
        try {
            CircuitBreaker circuitBreaker = guards.circuitBreaker(attempt.targetUrl());
            if (!circuitBreaker.tryAcquirePermission()) {
                return new DeliveryOutcome.Postponed(properties.circuitBreaker().openDuration());
            }
            return send(attempt, circuitBreaker);
        } finally {
            bulkhead.onComplete();
        }
    }

    private DeliveryOutcome send(DeliveryAttempt attempt, CircuitBreaker circuitBreaker) {
        long start = System.nanoTime();
        try {
            WebhookSender.Response response = sender.send(attempt, clock.instant());
            long elapsed = System.nanoTime() - start;
            if (isEndpointFailure(response.status())) {
                circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.status()));
            } else {
                circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            }
            return DeliveryOutcome.ofResponse(response);
        } catch (IOException e) {
            circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return new DeliveryOutcome.Failed(null, describe(e), true, Optional.empty());
        }
    }

    /**
     * What counts against an endpoint's circuit: no answer, a server error or "too many requests". Other answers,
     * 4xx included, show a healthy endpoint that dislikes this one delivery.
     */
    private static boolean isEndpointFailure(int status) {
        return status >= 500 || status == 429;
    }

    private void record(DeliveryAttempt attempt, DeliveryOutcome outcome) {
        Instant now = clock.instant();
        switch (outcome) {
            case DeliveryOutcome.Succeeded succeeded -> deliveryLog.markSucceeded(attempt.id(), succeeded.responseStatus(), now);
            case DeliveryOutcome.Gone gone -> transaction.executeWithoutResult(status -> {
                deliveryLog.markFailed(attempt.id(), 410, "The endpoint answered 410 Gone; the webhook was disabled", null);
                webhooks.softDelete(attempt.webhookId(), now);
                deliveryLog.failPendingOf(attempt.webhookId(), "The webhook was disabled after its endpoint answered 410 Gone");
                log.info("Disabled webhook {}: {} answered 410 Gone", attempt.webhookId(), attempt.targetUrl());
            });
            case DeliveryOutcome.Failed failed -> recordFailure(attempt, failed, now);
            case DeliveryOutcome.Postponed postponed -> deliveryLog.postpone(attempt.id(), now.plus(postponed.delay()));
        }
    }

    private void recordFailure(DeliveryAttempt attempt, DeliveryOutcome.Failed failed, Instant now) {
        Optional<Instant> retryAt = failed.retriable()
                ? retrySchedule.nextAttemptAt(attempt.attempt(), now, failed.retryAfter())
                : Optional.empty();
        transaction.executeWithoutResult(status -> {
            boolean ended = deliveryLog.markFailed(attempt.id(), failed.responseStatus(), failed.error(), retryAt.orElse(null));
            if (ended && retryAt.isPresent()) {
                deliveryLog.insertRetry(attempt, now, retryAt.get());
            }
        });
        if (retryAt.isEmpty()) {
            log.warn("Gave up delivering {} to webhook {} after attempt {}: {}", attempt.eventName(), attempt.webhookId(),
                    attempt.attempt(), failed.error());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "No response within the timeout: " + e.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
