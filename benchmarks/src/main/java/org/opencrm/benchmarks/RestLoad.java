package org.opencrm.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The REST side of the load: blocking HTTP/1.1 calls over kept-alive connections, one per load thread, through
 * Apache HttpClient 5's classic client. The load generator shares the machine's cores with the platform, so its
 * own cost per call is taken from the platform's: the JDK's HttpClient spent about 0.6 ms of CPU per GET here
 * (its selector thread and futures), which this client does not.
 */
final class RestLoad implements AutoCloseable {

    private final CloseableHttpClient client;
    private final String authorization;

    RestLoad(int connections, String token) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(30)).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries()
                .disableContentCompression().disableCookieManagement().disableRedirectHandling()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(30, TimeUnit.SECONDS).build())
                .build();
        this.authorization = "Bearer " + token;
    }

    /** GET; the body is read but not parsed. */
    void get(String uri) throws IOException {
        call(new HttpGet(uri));
    }

    /** POST of a JSON body; the answer's body is read but not parsed. */
    void post(String uri, String json) throws IOException {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        call(post);
    }

    /** Any status but 2xx is a failure, with the body in the message. */
    private void call(HttpUriRequestBase request) throws IOException {
        request.setHeader("Authorization", authorization);
        client.execute(request, response -> {
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.getCode() + ": " + new String(body, StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
