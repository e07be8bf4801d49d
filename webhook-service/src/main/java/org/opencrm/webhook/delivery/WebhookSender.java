package org.opencrm.webhook.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.opencrm.webhook.subscription.TargetUrlValidator;

/**
 * POSTs one signed attempt to its endpoint with Apache HttpClient. Its {@link DnsResolver} is where the target's
 * addresses are checked for the connection itself: the runner's check of the URL comes before the send, and a host
 * whose name resolved to a public address then could resolve to an internal one at connect time (DNS rebinding)
 * if the client looked the name up again on its own, as the JDK client does.
 */
final class WebhookSender {

    static final String USER_AGENT = "OpenCRM-Webhooks/1.0";
    /**
     * How much of a response body is read, and dropped, before hanging up. Neither the status nor the log needs
     * the body; reading a short one lets the connection be reused, and the cap stops an endpoint from streaming
     * data at us for the whole request timeout.
     */
    static final int MAX_BODY_BYTES_READ = 16 * 1024;

    /** Ends exchanges that outlive their request timeout; one daemon thread, idle but for them. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient client;
    private final Duration requestTimeout;

    WebhookSender(CloseableHttpClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** Cancelled deadlines leave the queue at once: each holds its request, payload included. */
    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("webhook-deadlines").daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Builds the client deliveries share: no redirects, since a redirect could lead to an address never checked;
     * no retries of its own (the delivery schedule retries); and connections only to addresses that pass
     * {@link TargetUrlValidator#isPublic} unless private targets are allowed.
     */
    static CloseableHttpClient httpClient(Duration connectTimeout, boolean allowPrivateTargets) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDnsResolver(allowPrivateTargets))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                // Receivers close idle keep-alive connections (Node after 5 s); a pooled one
                                // idle for a second is checked before reuse, since nothing retries a send here.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(20)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /**
     * Sends the attempt and waits for the whole exchange, response body included, at most the request timeout: a
     * deadline aborts the exchange (closing its connection) however far it got, so a partner trickling its body
     * cannot hold the delivery slot until the claim runs out and the poller sends the attempt again.
     *
     * @throws HttpTimeoutException when the exchange did not finish within the request timeout
     */
    Response send(DeliveryAttempt attempt, Instant now) throws IOException {
        HttpPost request = new HttpPost(URI.create(attempt.targetUrl()));
        request.setConfig(RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(Timeout.of(requestTimeout))
                .build());
        // JSON is UTF-8 by definition (RFC 8259), so the header names no charset, as it always has.
        request.setEntity(new ByteArrayEntity(attempt.payload().getBytes(StandardCharsets.UTF_8), JSON));
        WebhookSigner.headers(attempt.messageId(), now, attempt.payload(), attempt.secret()).forEach(request::setHeader);
        ScheduledFuture<?> deadline = DEADLINES.schedule(request::cancel, requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            boolean whole = drain(response.getEntity());
            Response answer = new Response(response.getCode(), retryAfter(response.getFirstHeader("Retry-After"), now));
            if (!whole) {
                request.cancel(); // hang up, rather than read the rest when the response closes
            }
            return answer;
        } catch (IOException e) {
            if (request.isCancelled()) {
                throw new HttpTimeoutException("The exchange did not finish within " + requestTimeout);
            }
            throw e;
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /** The answer is known by now: closing only returns the connection to the pool, or drops it. */
    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // an aborted exchange's connection is gone already
        }
    }

    /** Reads and drops at most {@link #MAX_BODY_BYTES_READ}; whether that was the whole body. */
    private static boolean drain(HttpEntity entity) throws IOException {
        if (entity == null) {
            return true;
        }
        InputStream body = entity.getContent();
        if (body == null) {
            return true;
        }
        byte[] buffer = new byte[4096];
        long read = 0;
        int n;
        while ((n = body.read(buffer)) != -1) {
            read += n;
            if (read > MAX_BODY_BYTES_READ) {
                return false;
            }
        }
        return true;
    }

    static Optional<Duration> retryAfter(Header header, Instant now) {
        return retryAfter(header == null ? Optional.empty() : Optional.ofNullable(header.getValue()), now);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; absent when missing or unreadable. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        Optional<String> value = header.map(String::strip);
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

    /**
     * Resolves a target's name for the connection and refuses it when any address it resolves to is not public: the
     * addresses checked are the ones connected to.
     */
    static final class CheckedDnsResolver implements DnsResolver {

        private final boolean allowPrivateTargets;

        CheckedDnsResolver(boolean allowPrivateTargets) {
            this.allowPrivateTargets = allowPrivateTargets;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            if (!allowPrivateTargets) {
                for (InetAddress address : addresses) {
                    if (!TargetUrlValidator.isPublic(address)) {
                        throw new UnknownHostException(host + " resolves to " + address.getHostAddress()
                                + ", which is not a public address; not connecting");
                    }
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
