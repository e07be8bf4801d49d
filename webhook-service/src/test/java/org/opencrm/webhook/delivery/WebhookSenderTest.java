package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class WebhookSenderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);

    /** Released when a test ends, so handlers still streaming stop. */
    private final CountDownLatch testEnded = new CountDownLatch(1);
    private HttpServer endpoint;
    private WebhookSender sender;

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        endpoint.createContext("/trickle", this::trickle);
        endpoint.createContext("/flood", this::flood);
        endpoint.createContext("/fail", exchange -> answer(exchange, 500, "db01.internal: password authentication failed"));
        endpoint.createContext("/ok", exchange -> answer(exchange, 200, "{\"received\":true}"));
        endpoint.start();
        sender = new WebhookSender(WebhookSender.httpClient(Duration.ofSeconds(2), true), REQUEST_TIMEOUT);
    }

    @AfterEach
    void stopEndpoint() {
        testEnded.countDown();
        endpoint.stop(0);
    }

    @Test
    void endsAnAttemptWhoseEndpointTricklesItsBodyWithinTheRequestTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> sender.send(attemptTo("/trickle"), NOW)).isInstanceOf(HttpTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIMEOUT.plusMillis(1500));
    }

    @Test
    void hangsUpOnAnEndlessBodyOnceItHasReadEnough() throws Exception {
        WebhookSender patient = new WebhookSender(WebhookSender.httpClient(Duration.ofSeconds(2), true), Duration.ofSeconds(20));
        long start = System.nanoTime();

        assertThat(patient.send(attemptTo("/flood"), NOW).status()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void readsTheStatusOfAnAnswerWithAShortBody() throws Exception {
        assertThat(sender.send(attemptTo("/ok"), NOW).status()).isEqualTo(200);
        assertThat(sender.send(attemptTo("/ok"), NOW).status()).isEqualTo(200);
    }

    @Test
    void logsOnlyTheStatusOfAFailedAnswerNeverItsBody() throws Exception {
        DeliveryOutcome outcome = DeliveryOutcome.ofResponse(sender.send(attemptTo("/fail"), NOW));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, failed -> {
            assertThat(failed.responseStatus()).isEqualTo(500);
            assertThat(failed.error()).isEqualTo("HTTP 500");
            assertThat(failed.retriable()).isTrue();
        });
    }

    @Test
    void connectsOnlyToAddressesItHasCheckedWhateverTheUrlPassedBefore() {
        // The check of the URL happens before the send; the connection resolves the name again. With private
        // targets refused, a name that now resolves to a loopback address is refused at connect time.
        WebhookSender strict = new WebhookSender(WebhookSender.httpClient(Duration.ofSeconds(2), false), REQUEST_TIMEOUT);
        DeliveryAttempt toLocalhost = new DeliveryAttempt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "person.created", 1, "http://localhost:" + endpoint.getAddress().getPort() + "/ok",
                "partner-secret-0123456789", "{}");

        assertThatThrownBy(() -> strict.send(toLocalhost, NOW)).isInstanceOf(java.net.UnknownHostException.class)
                .hasMessageContaining("not a public address");
        assertThatThrownBy(() -> strict.send(attemptTo("/ok"), NOW)).as("an IP literal too")
                .hasMessageContaining("not a public address");
    }

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
        assertThat(WebhookSender.retryAfter((org.apache.hc.core5.http.Header) null, NOW)).isEmpty();
        assertThat(WebhookSender.retryAfter(headers("soon"), NOW)).isEmpty();
        assertThat(WebhookSender.retryAfter(headers("-5"), NOW)).isEmpty();
    }

    private DeliveryAttempt attemptTo(String path) {
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + path;
        return new DeliveryAttempt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "person.created", 1, url,
                "partner-secret-0123456789", "{\"eventName\":\"person.created\"}");
    }

    /** Answers 200 at once, then one byte of body every 100 ms for 5 s: headers in time, the body far too late. */
    private void trickle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            for (int i = 0; i < 50 && !paused(100); i++) {
                body.write('x');
                body.flush();
            }
        } catch (IOException hungUp) {
            // The sender gave up on the exchange, as it should.
        }
    }

    /** Answers 200 with a body that never ends, as fast as the connection takes it. */
    private void flood(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[8192];
        try (OutputStream body = exchange.getResponseBody()) {
            while (!paused(0)) {
                body.write(chunk);
            }
        } catch (IOException hungUp) {
            // The sender hung up once it had read enough, as it should.
        }
    }

    /** Waits up to {@code millis} for the test to end; true once it has. */
    private boolean paused(long millis) {
        try {
            return testEnded.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static org.apache.hc.core5.http.Header headers(String retryAfter) {
        return new org.apache.hc.core5.http.message.BasicHeader("Retry-After", retryAfter);
    }
}
