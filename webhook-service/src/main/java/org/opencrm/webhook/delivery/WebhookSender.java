package org.opencrm.webhook.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** POSTs one signed attempt to its endpoint with the JDK HTTP client. */
final class WebhookSender {

    static final String USER_AGENT = "OpenCRM-Webhooks/1.0";
    /** How much of an error response is kept in the delivery log. */
    private static final int BODY_EXCERPT_BYTES = 512;

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

    Response send(DeliveryAttempt attempt, Instant now) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(attempt.targetUrl()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(attempt.payload(), StandardCharsets.UTF_8));
        WebhookSigner.headers(attempt.messageId(), now, attempt.payload(), attempt.secret()).forEach(request::header);
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String excerpt;
        try (InputStream body = response.body()) {
            excerpt = new String(body.readNBytes(BODY_EXCERPT_BYTES), StandardCharsets.UTF_8).strip();
        }
        return new Response(response.statusCode(), retryAfter(response.headers(), now), excerpt);
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

    /** What the endpoint answered. */
    record Response(int status, Optional<Duration> retryAfter, String bodyExcerpt) {
    }
}
