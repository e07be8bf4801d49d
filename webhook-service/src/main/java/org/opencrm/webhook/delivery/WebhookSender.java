package org.opencrm.webhook.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** POSTs one signed attempt to its endpoint with the JDK HTTP client. */
final class WebhookSender {

    static final String USER_AGENT = "OpenCRM-Webhooks/1.0";
    /**
     * How much of a response body is read, and dropped, before hanging up. Neither the status nor the log needs
     * the body; reading a short one lets the connection be reused, and the cap stops an endpoint from streaming
     * data at us for the whole request timeout.
     */
    static final int MAX_BODY_BYTES_READ = 16 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;

    WebhookSender(HttpClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** Builds the client deliveries share: no redirects, since a redirect could lead to an address never checked. */
    static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Webhook receivers are plain HTTP/1.1 handlers; this also skips the h2c upgrade on http:// URLs.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the attempt and waits for the whole exchange, response body included, at most the request timeout. The
     * client's own {@code HttpRequest.timeout} ends only at the response headers, so a partner trickling its body
     * would otherwise hold the delivery slot until the claim ran out and the poller sent the attempt again.
     *
     * @throws HttpTimeoutException when the exchange did not finish within the request timeout
     */
    Response send(DeliveryAttempt attempt, Instant now) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(attempt.targetUrl()))
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(attempt.payload(), StandardCharsets.UTF_8));
        WebhookSigner.headers(attempt.messageId(), now, attempt.payload(), attempt.secret()).forEach(request::header);
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request.build(),
                info -> new BoundedDiscard(MAX_BODY_BYTES_READ));
        try {
            HttpResponse<Void> response = exchange.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), retryAfter(response.headers(), now));
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("The exchange did not finish within " + requestTimeout);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            // Aborts the exchange if still running (timed out, interrupted), closing its connection; else a no-op.
            exchange.cancel(true);
        }
    }

    private static IOException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IOException(cause);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; absent when missing or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * What the endpoint answered. Its body is deliberately not kept: a webhook may point at a host whose answers
     * its workspace could not otherwise read, and the delivery log would hand them over.
     */
    record Response(int status, Optional<Duration> retryAfter) {
    }

    /** Drops a response body, completing at its end or, having read more than a limit, by hanging up. */
    private static final class BoundedDiscard implements HttpResponse.BodySubscriber<Void> {

        private final long limit;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long read;

        BoundedDiscard(long limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (done.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                read += buffer.remaining();
            }
            if (read > limit) {
                subscription.cancel();
                done.complete(null);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }
    }
}
