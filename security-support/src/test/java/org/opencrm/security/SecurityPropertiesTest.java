package org.opencrm.security;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityPropertiesTest {

    @Test
    void derivesAuthBaseUrlFromJwksUri() {
        SecurityProperties properties = new SecurityProperties(null,
                URI.create("http://auth-service:8081/auth/.well-known/jwks.json"), null, null, null, null, null, null, null);

        assertThat(properties.authBaseUrl()).isEqualTo(URI.create("http://auth-service:8081"));
    }

    @Test
    void derivesJwksUriFromAuthBaseUrl() {
        SecurityProperties properties = new SecurityProperties(URI.create("http://auth:9000/"), null, null, null,
                null, null, null, null, null);

        assertThat(properties.jwksUri()).isEqualTo(URI.create("http://auth:9000/auth/.well-known/jwks.json"));
    }

    @Test
    void defaultsToLocalAuthService() {
        SecurityProperties properties = new SecurityProperties(null, null, null, null, null, null, null, null, null);

        assertThat(properties.authBaseUrl()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(properties.jwksUri()).isEqualTo(URI.create("http://localhost:8081/auth/.well-known/jwks.json"));
        assertThat(properties.publicPaths()).isEmpty();
        assertThat(properties.revocationRefresh()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.maxRequestBytes()).isEqualTo(1_048_576L);
    }
}
