package org.opencrm.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies the platform's tokens ({@code crm.security.*}).
 *
 * @param authBaseUrl      where auth-service answers, for the revoked API keys list; default: derived from
 *                         {@code jwks-uri} when that ends in {@code /auth/.well-known/jwks.json}, else
 *                         {@code http://localhost:8081}
 * @param jwksUri          auth-service's JWK set; default {@code {auth-base-url}/auth/.well-known/jwks.json}
 * @param publicPaths      path patterns answered without a token, besides {@code /actuator/**}; default none
 * @param clockSkew        how far clocks may disagree when checking expiry; default 30 s
 * @param revocationEvents the Kafka listener that keeps the revoked API keys up to date
 * @param revocationReload how long to wait before asking auth-service again after the revoked API keys list could not
 *                         be loaded; default 5 s
 * @param revocationRefresh how often the revoked API keys list is loaded again although events keep it current: a
 *                         revocation published before the listener was assigned its partition is never delivered;
 *                         default 30 s
 * @param maxRequestBytes  the largest request body accepted, larger ones get 413; default 1 MiB (1048576)
 * @param streamedBodyPaths path patterns whose handlers stream their bodies and bound them themselves (bulk imports):
 *                         {@code max-request-bytes} does not apply to them; default none
 */
@ConfigurationProperties("crm.security")
public record SecurityProperties(
        URI authBaseUrl,
        URI jwksUri,
        List<String> publicPaths,
        Duration clockSkew,
        @DefaultValue RevocationEvents revocationEvents,
        Duration revocationReload,
        Duration revocationRefresh,
        Long maxRequestBytes,
        List<String> streamedBodyPaths) {

    static final String JWKS_PATH = "/auth/.well-known/jwks.json";

    public SecurityProperties {
        if (authBaseUrl == null) {
            // Deployments usually set only the JWKS URI; the revoked list lives on the same server.
            authBaseUrl = jwksUri != null && jwksUri.toString().endsWith(JWKS_PATH)
                    ? URI.create(jwksUri.toString().substring(0, jwksUri.toString().length() - JWKS_PATH.length()))
                    : URI.create("http://localhost:8081");
        }
        jwksUri = jwksUri == null ? URI.create(stripTrailingSlash(authBaseUrl) + JWKS_PATH) : jwksUri;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        revocationEvents = revocationEvents == null ? new RevocationEvents(true) : revocationEvents;
        revocationReload = revocationReload == null ? Duration.ofSeconds(5) : revocationReload;
        revocationRefresh = revocationRefresh == null ? Duration.ofSeconds(30) : revocationRefresh;
        if (revocationRefresh.isNegative() || revocationRefresh.isZero()) {
            throw new IllegalArgumentException("crm.security.revocation-refresh must be positive, was "
                    + revocationRefresh);
        }
        streamedBodyPaths = streamedBodyPaths == null ? List.of() : List.copyOf(streamedBodyPaths);
        maxRequestBytes = maxRequestBytes == null ? 1_048_576L : maxRequestBytes;
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("crm.security.max-request-bytes must be positive, was "
                    + maxRequestBytes);
        }
    }

    /**
     * @param enabled whether to listen to {@code ApiKeyRevoked} events; off only in tests without Kafka. Default true.
     */
    public record RevocationEvents(@DefaultValue("true") boolean enabled) {
    }

    static String stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
