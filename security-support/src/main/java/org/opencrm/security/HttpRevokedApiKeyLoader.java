package org.opencrm.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Reads the revoked API keys from auth-service's {@code GET /auth/api-keys/revoked}. */
final class HttpRevokedApiKeyLoader implements RevokedApiKeyLoader {

    static final String PATH = "/auth/api-keys/revoked";

    private final RestClient client;
    private final URI uri;

    HttpRevokedApiKeyLoader(URI authBaseUrl) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(2));
        requestFactory.setReadTimeout(Duration.ofSeconds(5));
        this.client = RestClient.builder().requestFactory(requestFactory).build();
        this.uri = URI.create(SecurityProperties.stripTrailingSlash(authBaseUrl) + PATH);
    }

    @Override
    public Set<UUID> loadRevokedApiKeyIds() {
        RevokedApiKeyIds body = client.get().uri(uri).retrieve().body(RevokedApiKeyIds.class);
        if (body == null || body.revokedApiKeyIds() == null) {
            throw new IllegalStateException(uri + " answered without revokedApiKeyIds");
        }
        return Set.copyOf(body.revokedApiKeyIds());
    }

    record RevokedApiKeyIds(List<UUID> revokedApiKeyIds) {
    }
}
