package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(WebhookSender.retryAfter(headers("120"), NOW)).contains(Duration.ofSeconds(120));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(WebhookSender.retryAfter(headers("Thu, 01 Jan 2026 00:05:00 GMT"), NOW)).contains(Duration.ofMinutes(5));
    }

    @Test
    void ignoresMissingOrUnreadableRetryAfter() {
        assertThat(WebhookSender.retryAfter(HttpHeaders.of(Map.of(), (name, value) -> true), NOW)).isEmpty();
        assertThat(WebhookSender.retryAfter(headers("soon"), NOW)).isEmpty();
        assertThat(WebhookSender.retryAfter(headers("-5"), NOW)).isEmpty();
    }

    private static HttpHeaders headers(String retryAfter) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (name, value) -> true);
    }
}
